"""dates: the memo's date, measure periods where printed, and empty attached tables."""

import datetime as dt

from tests.domain.checks.check_helpers import base, codes, run


def test_memo_dates():
    d = base()
    f = run(d, today=dt.date(2022, 11, 1))
    assert codes(f, "error") == ["memo_date"] and "อนาคต" in f[0].message
    d["memos"][0]["date"] = "2021-09-30"                 # before fiscal 2565 began
    f = run(d)
    assert codes(f, "error") == ["memo_date"] and "ก่อนเริ่มปีงบประมาณ ๒๕๖๕" in f[0].message
    d["memos"][0]["date"] = "2022-03-01"                 # in the year, before the results
    assert [(x.code, x.severity) for x in run(d)] == [("memo_date", "notice")]


def test_plan_memo_after_last_years_results():
    d = base()
    memo = d["memos"][0]
    memo.update(form="measures_plan", fiscal_year=2566, date="2022-09-01",
                subject="มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
                sections=[], attachments=[{"title": [], "blocks": [{"type": "table", "table": "measures_plan",
                                                                   "fiscal_year": 2566}]}])
    assert run(d) == []
    memo["date"] = "2022-02-01"
    assert codes(run(d), "error") == ["memo_date"]


def test_period_checked_only_where_printed():
    d = base()
    d["measures"][0]["period"] = {"from": "2022-09", "to": "2023-09"}     # starts before FY 2566
    f = run(d)
    assert codes(f) == ["measure_period"] and "นอกปีงบประมาณ พ.ศ. ๒๕๖๖" in f[0].message
    # the same measure printed by a table without a period column: nothing to get wrong on paper
    d["memos"][0]["attachments"][1]["blocks"][0]["columns"] = [{"key": "title"}, {"key": "steps"},
                                                              {"key": "units"}]
    assert run(d) == []
    del d["measures"][0]["period"]
    assert run(d) == []


def test_period_text_and_step_periods():
    d = base()
    d["measures"][0]["period"]["text"] = "ต.ค. ๖๔ - ก.ย. ๖๕"
    assert codes(run(d)) == ["measure_period"]
    d = base()
    d["measures"][0]["steps"] = [{"text": "ก", "period": {"from": "2023-01", "to": "2023-12"}}]
    del d["measures"][0]["period"]
    f = run(d)
    assert codes(f) == ["measure_period"] and f[0].loc.line == 0 and f[0].loc.sub == "period"


def test_empty_attached_table_is_an_error():
    d = base()
    d["measures"] = []
    f = run(d)
    assert [(x.code, x.severity) for x in f] == [("empty_table", "error")]
    assert "๒๕๖๖" in f[0].message and f[0].loc.attachment == 1 and f[0].loc.block == 0
    d = base()
    del d["years"][1]["analysis"]
    assert codes(run(d)) == ["empty_table"]
