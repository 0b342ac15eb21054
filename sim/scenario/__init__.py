"""Scenarios: validated parameters, presets and their loader."""
