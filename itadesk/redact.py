"""One place that keeps database passwords out of everything the program writes or shows.

``redact_url`` hides the password of one database URL; ``redact_text`` hides every password in
a free text (an exception message, a log line, a crash report): URLs with a user:password part,
libpq ``password=…`` settings, and any password the program has been given this session
(``register_secret``), in plain and URL-escaped form, because drivers often repeat the DSN in
their error messages.  ``RedactingFilter`` applies it to every log record, traceback included.

Imports nothing heavy: the CLI's ``--version`` and the crash hook use it.
"""

from __future__ import annotations

import logging
import re
import traceback
from urllib.parse import quote, quote_plus

MASK = "***"
_MIN_SECRET = 4     # shorter "passwords" would blank ordinary words of the log
_secrets: set[str] = set()

# scheme://user:password@host — the password ends at the last @ before the host part
_URL_PW = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@'\"]*:)(?P<pw>[^\s'\"]*)(?P<at>@)")
# libpq key=value DSNs and similar: password=xxx, password='x y', PGPASSWORD=xxx
_KV_PW = re.compile(r"(?i)(?P<head>\b(?:pg)?pass(?:word)?\s*[=:]\s*)(?P<pw>'(?:[^'\\]|\\.)*'|\"[^\"]*\"|[^\s,;)]+)")


def register_secret(password: str | None) -> None:
    """Remember a password given this session, so any text repeating it is redacted."""
    if not password or len(password) < _MIN_SECRET:
        return
    for form in (password, quote(password, safe=""), quote_plus(password, safe=""), quote(password)):
        _secrets.add(form)


def register_url(url: str | None) -> None:
    """register_secret for the password of a database URL (if it has one)."""
    if not url or "://" not in url:
        return
    try:
        from sqlalchemy.engine import make_url

        pw = make_url(url).password
    except Exception:   # not a URL SQLAlchemy understands: the patterns still apply
        return
    if pw is not None:
        register_secret(str(pw))


def redact_url(url: str | None) -> str:
    """The URL with its password replaced by ***; never raises."""
    if not url:
        return url or ""
    try:
        from sqlalchemy.engine import make_url

        u = make_url(url)
        if u.password is not None:
            register_secret(str(u.password))
        return u.render_as_string(hide_password=True)
    except Exception:
        return redact_text(url)


def redact_text(text: object) -> str:
    """``text`` with every database password in it replaced by ***."""
    s = str(text)
    if not s:
        return s
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in s:
            s = s.replace(secret, MASK)
    if "://" in s:
        s = _URL_PW.sub(lambda m: m.group("head") + (MASK if m.group("pw") else "") + m.group("at"), s)
    if "pass" in s.lower():
        s = _KV_PW.sub(lambda m: m.group("head") + MASK, s)
    return s


class RedactingFilter(logging.Filter):
    """Rewrites each record's message, arguments and traceback text with redact_text.

    Put it on handlers (a filter on a logger does not see records of its child loggers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            msg = record.getMessage()
        except Exception:   # a bad format string: keep the raw parts, redacted
            msg = f"{record.msg} {record.args}"
        clean = redact_text(msg)
        if clean != msg or record.args:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[0] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_text = redact_text(text)
        elif record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)
        return True


def install_filter(handler: logging.Handler) -> None:
    if not any(isinstance(f, RedactingFilter) for f in handler.filters):
        handler.addFilter(RedactingFilter())
