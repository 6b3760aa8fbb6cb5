"""แฟ้ม → กู้คืนข้อมูลจากไฟล์สำรอง…: the window goes back to the chosen backup and the
current file is kept aside."""

import dataclasses

from itadesk.store.backup import list_backups
from itadesk.ui.dialogs.restore_dialog import RestoreDialog


def test_restore_from_the_menu(window, office, monkeypatch, qtbot, tmp_path):
    services = window.services
    backup = services.backup_now()                          # the office as it is now
    p = services.profile()
    services.save_profile(dataclasses.replace(p, website="https://after-backup.example"), base=p)
    window.load()
    assert window.services.profile().website == "https://after-backup.example"

    # the dialog lists the backup, newest first
    dlg = RestoreDialog(window)
    qtbot.addWidget(dlg)
    assert dlg.backupList.count() == len(list_backups()) >= 1
    assert dlg.chosen() == list_backups()[0].path

    monkeypatch.setattr(RestoreDialog, "exec", lambda self: 1)
    monkeypatch.setattr(RestoreDialog, "chosen", lambda self: backup)
    monkeypatch.setattr("itadesk.ui.main_window.ask", lambda *a, **k: True)
    window.restore_dialog()

    assert window.services is not services                   # reopened on the restored file
    assert window.services.profile().website != "https://after-backup.example"
    aside = [f for f in window.services.db.sqlite_path.parent.iterdir() if "ก่อนกู้คืน" in f.name]
    assert aside, "the current file must be kept aside"
    assert "กู้คืน" in window.statusBar().currentMessage()


def test_restore_refused_for_postgres_like_databases(window, monkeypatch):
    shown = []
    monkeypatch.setattr("itadesk.ui.main_window.show_error", lambda *a, **k: shown.append(a[1]))
    monkeypatch.setattr(type(window.services.db), "sqlite_path", property(lambda self: None))
    window.restore_dialog()
    assert shown and "SQLite" in shown[0]
