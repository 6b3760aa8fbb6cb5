"""A new office opens on the year whose results it has in hand.  On 4 December 2569 B.E.
(2026) the fiscal year 2570 has just begun (1 October); the ITA results the clerk holds are
those of 2569, the year that just ended — by hand, not from the program's own calendar code."""

import datetime as real_dt


class _Dec2026(real_dt.date):
    @classmethod
    def today(cls):
        return cls(2026, 12, 4)


def test_empty_office_starts_on_the_year_just_ended(qtbot, office, settings, services, monkeypatch):
    import itadesk.ui.main_window as mw

    monkeypatch.setattr(mw.dt, "date", _Dec2026)
    w = mw.MainWindow(services, settings, "test")
    qtbot.addWidget(w)
    w.load()
    assert w.year == 2569
    assert 2570 in [w.yearCombo.itemData(i) for i in range(w.yearCombo.count())]   # still offered

