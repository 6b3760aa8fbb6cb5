"""Database fixtures shared by the whole suite (loaded with ``-p tests.dbfixtures``).

``db_url`` is a fresh, empty database for one test: a SQLite file by default, or the
PostgreSQL server named by ``ITADESK_TEST_DB_URL`` (its schema is wiped for every test).
``.ci/run`` runs the suite once on each engine.
"""

from __future__ import annotations

import os

import pytest

PG_URL = os.environ.get("ITADESK_TEST_DB_URL", "")


def _reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as c:
        c.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        c.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def db_url(tmp_path) -> str:
    if PG_URL:
        _reset_pg(PG_URL)
        return PG_URL
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def pg_url() -> str:
    """A PostgreSQL URL for tests that need the server itself."""
    if not PG_URL.startswith("postgresql"):
        # In CI these tests must run: .ci/run makes a second pass on PostgreSQL and marks the
        # first (SQLite) pass with ITADESK_SQLITE_PASS=1; anything else in CI is a failure.
        if os.environ.get("CI") and not os.environ.get("ITADESK_SQLITE_PASS"):
            pytest.fail("CI must run the PostgreSQL tests: ITADESK_TEST_DB_URL is not set")
        pytest.skip("ITADESK_TEST_DB_URL (PostgreSQL) not given")
    _reset_pg(PG_URL)
    return PG_URL
