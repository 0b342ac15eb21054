"""The CRM database: tables in DuckDB, SQL answers checked by hand, bilingual errors."""

from __future__ import annotations

import pandas as pd
import pytest

from sim.base.errors import DataError
from sim.engine.result import TABLES
from sim.measures import crm_db

ORDERS = pd.DataFrame({
    "order_id": ["D1", "D2", "D3", "D4", "D5"],
    "customer_id": ["KH1", "KH2", "KH1", "KH3", "KH1"],
    "at": pd.to_datetime(["2026-01-05 10:00", "2026-01-20 11:00", "2026-02-02 09:30", "2026-02-14 20:00",
                          "2026-03-01 08:00"]),
    "margin_vnd": [100, 250, 50, 400, 30],
    "cross_sell": [True, False, False, True, False],
})
TICKETS = pd.DataFrame({"ticket_id": ["T1", "T2", "T3", "T4"], "customer_id": ["KH1", "KH2", "KH1", None],
                        "tool": ["chat", "faq", "chat", "email"]})


@pytest.fixture
def con():
    connection = crm_db.connect({"orders": ORDERS, "tickets": TICKETS})
    yield connection
    connection.close()


def test_sql_counts_equal_hand_counts(con):
    # KH1 has orders D1, D3, D5: 3 orders, margin 100 + 50 + 30 = 180; KH2: D2, 250; KH3: D4, 400.
    answer = crm_db.query(con, "SELECT customer_id, COUNT(*) AS orders, SUM(margin_vnd) AS margin_vnd "
                               "FROM orders GROUP BY customer_id ORDER BY customer_id")
    assert answer["customer_id"].tolist() == ["KH1", "KH2", "KH3"]
    assert answer["orders"].tolist() == [3, 1, 1]
    assert answer["margin_vnd"].tolist() == [180, 250, 400]
    # January: D1, D2; February: D3, D4; March: D5 → 2, 2, 1.
    months = crm_db.query(con, "SELECT date_trunc('month', \"at\") AS month, COUNT(*) AS n FROM orders GROUP BY 1 ORDER BY 1")
    assert months["n"].tolist() == [2, 2, 1]
    assert months["month"].dt.strftime("%Y-%m").tolist() == ["2026-01", "2026-02", "2026-03"]
    # two chats (T1, T3), one FAQ, one e-mail; one ticket without a customer.
    tools = crm_db.query(con, "SELECT tool, COUNT(*) AS n FROM tickets GROUP BY tool ORDER BY n DESC, tool")
    assert list(zip(tools["tool"], tools["n"], strict=True)) == [("chat", 2), ("email", 1), ("faq", 1)]
    assert crm_db.query(con, "SELECT COUNT(*) AS n FROM tickets WHERE customer_id IS NULL")["n"].iloc[0] == 1
    # a join: cross-sold orders D1 (KH1, ticket T1 and T3) and D4 (KH3, no ticket) → 2 rows for KH1, none for KH3.
    joined = crm_db.query(con, "SELECT o.order_id, t.ticket_id FROM orders o JOIN tickets t USING (customer_id) "
                               "WHERE o.cross_sell ORDER BY t.ticket_id")
    assert joined.values.tolist() == [["D1", "T1"], ["D1", "T3"]]


def test_parameters_and_an_empty_answer(con):
    answer = crm_db.query(con, "SELECT order_id FROM orders WHERE margin_vnd > ? ORDER BY order_id", [200])
    assert answer["order_id"].tolist() == ["D2", "D4"]
    empty = crm_db.query(con, "SELECT order_id, margin_vnd FROM orders WHERE margin_vnd > 1000")
    assert empty.empty and list(empty.columns) == ["order_id", "margin_vnd"]


@pytest.mark.parametrize(("sql", "words"), [
    ("SELECT nope FROM orders", ["nope", "Binder Error"]),
    ("SELEC COUNT(*) FROM orders", ["SELEC", "Parser Error"]),
    ("SELECT * FROM khach_hang", ["khach_hang", "Catalog Error"]),
])
def test_bad_sql_gives_a_bilingual_data_error(con, sql, words):
    with pytest.raises(DataError) as info:
        crm_db.query(con, sql)
    text = str(info.value)
    assert info.value.fields == ["sql"]
    assert "DuckDB báo lỗi" in text and "DuckDB reports" in text
    assert sql in text  # the query is named
    assert all(w in text for w in words)
    assert "LINE 1" not in text  # DuckDB's echo of the query is left out


def test_a_bare_at_gets_a_hint(con):
    with pytest.raises(DataError, match='ngoặc kép: "at"'):
        crm_db.query(con, "SELECT date_trunc('month', at) AS month FROM orders")


@pytest.mark.parametrize("sql", ["", "   ", None, 42])
def test_query_refuses_what_is_not_a_query(con, sql):
    with pytest.raises(DataError, match="sql"):
        crm_db.query(con, sql)


def test_query_refuses_what_is_not_a_connection():
    with pytest.raises(DataError, match="con"):
        crm_db.query({"orders": ORDERS}, "SELECT 1")


@pytest.mark.parametrize(("tables", "field"), [
    ([ORDERS], "tables"),
    ({}, "tables"),
    ({"đơn hàng": ORDERS}, "tables"),
    ({"1orders": ORDERS}, "tables"),
    ({"orders": [1, 2, 3]}, "tables['orders']"),
])
def test_connect_refuses_bad_tables(tables, field):
    with pytest.raises(DataError) as info:
        crm_db.connect(tables)
    assert field in info.value.fields


def test_connect_a_run_uses_the_dictionary_names(demo_result):
    con = crm_db.connect(demo_result)
    try:
        listing = crm_db.describe(con)
        assert sorted(listing["table"]) == sorted(TABLES)
        rows = dict(zip(listing["table"], listing["rows"], strict=True))
        assert rows == {name: len(getattr(demo_result, name)) for name in TABLES}
        buyers = crm_db.query(con, "SELECT COUNT(DISTINCT customer_id) AS n FROM orders")["n"].iloc[0]
        assert buyers == demo_result.orders["customer_id"].nunique()
    finally:
        con.close()


def test_describe_a_tiny_database(con):
    listing = crm_db.describe(con)
    assert listing["table"].tolist() == ["orders", "tickets"]
    assert listing["rows"].tolist() == [5, 4]
    assert listing["columns"].tolist() == [5, 3]
    assert listing["column_names"].iloc[1] == "ticket_id, customer_id, tool"


def test_same_answer_compares_values_not_types_or_row_numbers(con):
    sql = crm_db.query(con, "SELECT customer_id, SUM(margin_vnd) AS margin FROM orders GROUP BY 1 ORDER BY 1")
    by_pandas = ORDERS.groupby("customer_id")["margin_vnd"].sum()  # keys in a named index, integers
    assert crm_db.same_answer(sql, by_pandas)
    assert crm_db.same_answer(sql, by_pandas.reset_index().sample(frac=1, random_state=1).sort_values("customer_id"))
    assert not crm_db.same_answer(sql, by_pandas.iloc[:2])           # another shape
    assert not crm_db.same_answer(sql, by_pandas + 1)                # another value
    assert crm_db.same_answer(pd.Series([1.0, float("nan")]), pd.Series([1, None], dtype=float))
    assert crm_db.same_answer(pd.Series([100.0]), pd.Series([100.05]), rtol=1e-3)
    assert not crm_db.same_answer(pd.Series([100.0]), pd.Series([100.05]))
    assert crm_db.same_answer(pd.DataFrame({"s": ["a", None]}), pd.DataFrame({"t": ["a", float("nan")]}))
    # a single value is a table of one row and one column: SUM(margin) of KH1 = 180.
    assert crm_db.same_answer(crm_db.query(con, "SELECT SUM(margin_vnd) FROM orders WHERE customer_id = 'KH1'"), 180)
    assert not crm_db.same_answer(sql, 180)


@pytest.mark.parametrize(("left", "rtol"), [([1, 2], 0.0), ({"a": 1}, 0.0), (pd.Series([1]), -1.0)])
def test_same_answer_refuses_bad_arguments(left, rtol):
    with pytest.raises(DataError):
        crm_db.same_answer(left, pd.Series([1]), rtol=rtol)
