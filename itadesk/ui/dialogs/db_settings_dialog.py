"""แฟ้ม → เลือกฐานข้อมูล…: a SQLite file on this machine, or the office's PostgreSQL server.

One clerk: a SQLite file on the local disk.  Several clerks: the office's PostgreSQL server —
never one SQLite file shared over the network (SMB file locking does not protect SQLite; the
file gets corrupted), so a path that looks like a network share is warned about.
The connection test and the copy to the server run off the GUI thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QProgressBar, QPushButton, QRadioButton, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from ...domain.netpaths import network_share_reason
from .. import texts

TITLE = texts.DB_TITLE
T_SQLITE = texts.DB_T_SQLITE
T_PG = texts.DB_T_PG
T_TEST = texts.DB_T_TEST
T_COPY = texts.DB_T_COPY
T_USE = texts.DB_T_USE
T_CANCEL = texts.DB_T_CANCEL
T_BROWSE = texts.DB_T_BROWSE
T_REMEMBER_PW = texts.DB_T_REMEMBER_PW
W_REMEMBER_PW = texts.DB_W_REMEMBER_PW
W_NETWORK = texts.DB_W_NETWORK
TEST_TIMEOUT_S = 15


# ---------------------------------------------------------------- URLs
def build_pg_url(host: str, port: int | str, database: str, user: str, password: str = "") -> str:
    """``postgresql+psycopg://user:password@host:port/database``, every part URL-escaped."""
    from sqlalchemy.engine import URL

    return URL.create("postgresql+psycopg", username=user.strip() or None, password=password or None,
                      host=host.strip() or None, port=int(port) if str(port).strip() else None,
                      database=database.strip() or None).render_as_string(hide_password=False)


def build_sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path).expanduser()}" if str(path).strip() else ""


def parse_url(url: str) -> dict:
    """The dialog's fields from a URL (the inverse of the two builders)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return {"kind": "sqlite", "path": u.database or ""}
    return {"kind": "postgresql", "host": u.host or "", "port": u.port or 5432, "database": u.database or "",
            "user": u.username or "", "password": u.password or ""}


# ---------------------------------------------------------------- background work
class _Relay(QObject):
    done = Signal(object, object)     # result, error message (str) or None


def run_in_thread(fn, on_done, parent: QObject) -> _Relay:
    """Run ``fn()`` on a Python thread (it may block on the network); ``on_done(result, error)``
    runs on the GUI thread.  A daemon thread: a hung server never keeps the program open."""
    relay = _Relay(parent)
    relay.done.connect(on_done)

    def work():
        from ...domain.errors import ItaDeskError
        from ...redact import redact_text

        try:
            result, err = fn(), None
        except ItaDeskError as e:
            result, err = None, redact_text(e)
        except Exception as e:   # shown to the clerk in Thai with the technical detail
            result, err = None, redact_text(texts.DB_FAILED.format(e=e))
        try:
            relay.done.emit(result, err)
        except RuntimeError:     # the dialog was closed meanwhile
            pass

    threading.Thread(target=work, daemon=True, name="itadesk-db").start()
    return relay


def connection_problem(detail: str) -> str:
    """A Thai explanation of a failed connection, with the driver's words for the technician."""
    from ...redact import redact_text

    detail = redact_text(detail)
    d = detail.lower()
    if "password authentication failed" in d or "no password supplied" in d:
        why = texts.DB_WHY_LOGIN
    elif "does not exist" in d and "database" in d:
        why = texts.DB_WHY_NO_DB
    elif "connection refused" in d or "could not connect" in d or "timeout" in d or "timed out" in d:
        why = texts.DB_WHY_REFUSED
    elif "could not translate host name" in d or "name or service not known" in d:
        why = texts.DB_WHY_NO_HOST
    else:
        why = texts.DB_WHY_OTHER
    first = detail.strip().splitlines()[0] if detail.strip() else ""
    return texts.DB_CANNOT_OPEN.format(why=why) + (f" ({first})" if first else "")


def check_connection(url: str) -> str:
    """Open the database without changing it; a Thai description of what is there."""
    from sqlalchemy.engine import make_url

    from sqlalchemy.exc import DBAPIError

    from ...store.session import DatabaseOpenError, current_revision, head_revision, open_database, ping

    u = make_url(url)
    if u.get_backend_name() == "postgresql" and "connect_timeout" not in u.query:
        u = u.update_query_dict({"connect_timeout": "8"})
    db = open_database(u.render_as_string(hide_password=False), migrate=False)
    try:
        try:
            ping(db)
        except DBAPIError as e:
            raise DatabaseOpenError(connection_problem(str(e.orig))) from None
        rev = current_revision(db.engine)
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as c:
                ver = c.exec_driver_sql("SHOW server_version").scalar()
            where = texts.DB_WHERE_PG.format(ver=ver)
        else:
            where = texts.DB_WHERE_SQLITE
    finally:
        db.dispose()
    if rev is None:
        return texts.DB_OK_EMPTY.format(where=where)
    if rev == head_revision():
        return texts.DB_OK_CURRENT.format(where=where)
    return texts.DB_OK_UPGRADE.format(where=where)


# ---------------------------------------------------------------- the dialog
class DbSettingsDialog(QDialog):
    tested = Signal(bool, str)          # ok, Thai message
    transferred = Signal(bool, str)

    def __init__(self, current_url: str = "", parent=None, *, source_sqlite: str | Path | None = None,
                 network_check=network_share_reason):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("dbSettingsDialog")
        self._network_check = network_check
        self._relays: list = []
        lay = QVBoxLayout(self)

        self.sqliteRadio = QRadioButton(T_SQLITE)
        self.pgRadio = QRadioButton(T_PG)
        group = QButtonGroup(self)
        group.addButton(self.sqliteRadio)
        group.addButton(self.pgRadio)

        # SQLite
        self.pathEdit = QLineEdit()
        self.pathEdit.setPlaceholderText(texts.DB_PATH_HINT)
        self.pathEdit.textChanged.connect(self._update_warning)
        browse = QPushButton(T_BROWSE)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.pathEdit, 1)
        row.addWidget(browse)
        self.networkWarning = QLabel("")
        self.networkWarning.setObjectName("networkWarning")
        self.networkWarning.setProperty("role", "error")
        self.networkWarning.setWordWrap(True)
        self.networkWarning.hide()
        self.sqliteBox = QGroupBox()
        sl = QVBoxLayout(self.sqliteBox)
        sl.addLayout(row)
        sl.addWidget(self.networkWarning)

        # PostgreSQL
        self.hostEdit = QLineEdit()
        self.hostEdit.setPlaceholderText(texts.DB_HOST_HINT)
        self.portSpin = QSpinBox()
        self.portSpin.setRange(1, 65535)
        self.portSpin.setValue(5432)
        self.dbEdit = QLineEdit("itadesk")
        self.userEdit = QLineEdit()
        self.passwordEdit = QLineEdit()
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)
        from ..settings import password_store_note

        self.rememberCheck = QCheckBox(T_REMEMBER_PW)
        self.rememberCheck.setToolTip(password_store_note())
        self.rememberNote = QLabel(password_store_note())
        self.rememberNote.setWordWrap(True)
        self.rememberNote.setVisible(False)
        self.rememberCheck.toggled.connect(self.rememberNote.setVisible)
        self.pgBox = QGroupBox()
        form = QFormLayout(self.pgBox)
        form.addRow(texts.DB_HOST, self.hostEdit)
        form.addRow(texts.DB_PORT, self.portSpin)
        form.addRow(texts.DB_NAME, self.dbEdit)
        form.addRow(texts.DB_USER, self.userEdit)
        form.addRow(texts.DB_PASSWORD, self.passwordEdit)
        form.addRow("", self.rememberCheck)
        form.addRow("", self.rememberNote)

        lay.addWidget(self.sqliteRadio)
        lay.addWidget(self.sqliteBox)
        lay.addWidget(self.pgRadio)
        lay.addWidget(self.pgBox)

        # actions: test, copy to the server
        self.testButton = QPushButton(T_TEST)
        self.testButton.clicked.connect(self.test)
        self.copyButton = QPushButton(T_COPY)
        self.copyButton.clicked.connect(self.copy_to_server)
        arow = QHBoxLayout()
        arow.addWidget(self.testButton)
        arow.addWidget(self.copyButton)
        arow.addStretch(1)
        lay.addLayout(arow)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        lay.addWidget(self.progress)
        self.resultLabel = QLabel("")
        self.resultLabel.setObjectName("resultLabel")
        self.resultLabel.setWordWrap(True)
        self.resultLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.resultLabel)
        self.countsTable = QTableWidget(0, 3)
        self.countsTable.setHorizontalHeaderLabels(list(texts.DB_COUNTS_HEADER))
        self.countsTable.verticalHeader().hide()
        self.countsTable.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.countsTable.hide()
        lay.addWidget(self.countsTable, 1)

        box = QDialogButtonBox()
        self.useButton = box.addButton(T_USE, QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton(T_CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        lay.addWidget(box)

        self.sqliteRadio.toggled.connect(self._update_kind)
        self.source_sqlite = str(source_sqlite) if source_sqlite else ""
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._timed_out)
        self._busy_gen = 0
        self.set_url(current_url)
        self.resize(620, 560)

    # ------------------------------------------------------------ fields
    def set_url(self, url: str) -> None:
        f = parse_url(url) if url else {"kind": "sqlite", "path": ""}
        if f["kind"] == "sqlite":
            self.sqliteRadio.setChecked(True)
            self.pathEdit.setText(f["path"])
            if not self.source_sqlite:
                self.source_sqlite = f["path"]
        else:
            self.pgRadio.setChecked(True)
            self.hostEdit.setText(f["host"])
            self.portSpin.setValue(int(f["port"]))
            self.dbEdit.setText(f["database"])
            self.userEdit.setText(f["user"])
            self.passwordEdit.setText(f["password"])
        self._update_kind()

    def is_postgres(self) -> bool:
        return self.pgRadio.isChecked()

    def pg_url(self) -> str:
        return build_pg_url(self.hostEdit.text(), self.portSpin.value(), self.dbEdit.text(),
                            self.userEdit.text(), self.passwordEdit.text())

    def url(self) -> str:
        return self.pg_url() if self.is_postgres() else build_sqlite_url(self.pathEdit.text().strip())

    def remember_password(self) -> bool:
        return self.is_postgres() and self.rememberCheck.isChecked()

    def _update_kind(self, *_a) -> None:
        pg = self.is_postgres()
        self.sqliteBox.setEnabled(not pg)
        self.pgBox.setEnabled(pg)
        src = self._copy_source()
        self.copyButton.setVisible(pg)
        self.copyButton.setEnabled(pg and bool(src))
        self.copyButton.setToolTip(texts.DB_COPY_SOURCE.format(src=src) if src else texts.DB_COPY_NO_SOURCE)
        self._update_warning()

    def _copy_source(self) -> str:
        return self.pathEdit.text().strip() or self.source_sqlite

    def _update_warning(self, *_a) -> None:
        why = None if self.is_postgres() else self._network_check(self.pathEdit.text().strip())
        self.networkWarning.setText(W_NETWORK.format(why=why) if why else "")
        self.networkWarning.setVisible(bool(why))
        if self.copyButton.isVisible() or self.is_postgres():
            self.copyButton.setEnabled(self.is_postgres() and bool(self._copy_source()))

    def _browse(self) -> None:
        start = self.pathEdit.text() or str(Path.home() / "itadesk.sqlite3")
        path, _ = QFileDialog.getSaveFileName(self, T_SQLITE, start, texts.DB_FILTER,
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.pathEdit.setText(path)

    # ------------------------------------------------------------ work off the GUI thread
    def _busy(self, on: bool) -> None:
        self.progress.setVisible(on)
        for b in (self.testButton, self.copyButton, self.useButton):
            b.setEnabled(not on)
        if not on:
            self._update_kind()

    def _start(self, fn, on_done, timeout_s: float | None) -> None:
        self._busy_gen += 1
        gen = self._busy_gen
        self._busy(True)

        def done(result, err, gen=gen):
            if gen != self._busy_gen:      # timed out already
                return
            self._timeout.stop()
            self._busy(False)
            on_done(result, err)
        self._relays.append(run_in_thread(fn, done, self))
        if timeout_s:
            self._timeout.start(int(timeout_s * 1000))

    def _timed_out(self) -> None:
        self._busy_gen += 1
        self._busy(False)
        msg = texts.DB_NO_ANSWER.format(seconds=TEST_TIMEOUT_S)
        self.resultLabel.setText("✗ " + msg)
        self.tested.emit(False, msg)

    def test(self) -> None:
        url = self.url()
        if not url:
            self.resultLabel.setText(texts.DB_NOTHING_CHOSEN)
            return
        self.resultLabel.setText(texts.DB_TESTING)

        def done(result, err):
            ok = err is None
            self.resultLabel.setText(("✓ " + result) if ok else ("✗ " + err))
            self.tested.emit(ok, result if ok else err)
        self._start(lambda: check_connection(url), done, TEST_TIMEOUT_S)

    def copy_to_server(self) -> None:
        src = self._copy_source()
        if not src or not self.is_postgres():
            return
        from .messages import ask

        target = self.pg_url()
        from sqlalchemy.engine import make_url

        shown = make_url(target).render_as_string(hide_password=True)
        if not ask(self, texts.DB_COPY_Q.format(src=src, shown=shown)):
            return
        self.resultLabel.setText(texts.DB_COPYING)
        self.countsTable.hide()

        def work():
            from ...store.transfer import transfer

            return transfer(build_sqlite_url(src), target)

        def done(report, err):
            if err is not None:
                self.resultLabel.setText("✗ " + err)
                self.transferred.emit(False, err)
                return
            self.show_counts(report.counts)
            msg = texts.DB_COPIED
            self.resultLabel.setText(msg)
            self.transferred.emit(True, msg)
        self._start(work, done, None)

    def show_counts(self, counts: dict[str, tuple[int, int]]) -> None:
        t = self.countsTable
        t.setRowCount(0)
        for name, (a, b) in counts.items():
            r = t.rowCount()
            t.insertRow(r)
            for c, v in enumerate((name, f"{a:,}", f"{b:,}")):
                item = QTableWidgetItem(v)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(r, c, item)
        t.show()

    def accept(self) -> None:
        if not self.url():
            self.resultLabel.setText(texts.DB_NOTHING_CHOSEN)
            return
        super().accept()
