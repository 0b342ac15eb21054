"""The measures the lectures name, as pure functions over the simulator's tables.

One module per theme (funnel, acquisition, NPS, retention, value, RFM, service,
recommendations, data quality). Every function also works on any DataFrame
with the same columns, so students can use it on their own data. Bad input
raises :class:`sim.errors.DataError` with a message in Vietnamese and English.
"""
