"""Control panels: a slider's value and the re-run time written the Vietnamese way, a table through the one table style."""

from __future__ import annotations

import re

import pandas as pd

from sim.widgets.panel import _READOUTS, panel, readout_text, slider, status_text


def test_readouts_by_hand():
    assert readout_text(0.35, None, 0.05) == "0,35"            # not the slider's own "0.35"
    assert readout_text(40_000, None, 1_000) == "40.000"       # not "40000"
    assert readout_text(0.3, "share") == "30,0%"
    assert readout_text(12_000, "vnd") == "12.000 ₫"
    assert readout_text(2.5, None, 0.5) == "2,5"


def test_a_slider_shows_its_value_the_vietnamese_way_and_follows_it():
    control = slider("Tỷ lệ trả lời khảo sát", 0.05, 1.0, 0.35, 0.05)
    readout, _ = _READOUTS[control.model_id]
    assert control.readout is False                          # the slider's English readout is off
    assert ">0,35<" in readout.value
    control.value = 0.6
    assert ">0,60<" in readout.value
    money = slider("Ngân sách (VND)", 0, 40_000, 20_000, 2_000, unit="vnd")
    assert ">20.000 ₫<" in _READOUTS[money.model_id][0].value


def test_the_status_line_writes_seconds_with_a_comma():
    assert status_text(0.654) == "<small>Đã chạy lại trong 0,65 s (re-run time)</small>"


def test_a_panel_shows_a_frame_through_the_table_style(capsys):
    box = panel(lambda n: pd.DataFrame({"conversion_rate": [n / 10]}), lambda table: table, n=slider("n", 1, 5, 3))
    status = box.children[-2]
    assert re.fullmatch(r"<small>Đã chạy lại trong \d+,\d\d s \(re-run time\)</small>", status.value)
    assert "Styler" in capsys.readouterr().out                           # outside a notebook, display prints its repr
    row = box.children[0].children[0]
    assert row.children[1] is _READOUTS[row.children[0].model_id][0]     # the readout sits beside its slider
