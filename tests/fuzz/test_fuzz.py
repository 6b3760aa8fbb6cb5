"""Every data entry point under random and mutated input (see targets.py for the contracts).

The number of examples per target is FUZZ_EXAMPLES (default 60: the suite stays fast on a
shared machine); benchmarks/fuzz_counts.py runs many more.
"""

import decimal
import os

import pytest

from .targets import TARGETS, run_target

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))


# Found by this fuzzing in itadesk/domain/frameworks.py (not this branch's file; reported):
# a [[levels.bands]] entry that is not a table raises TypeError, and a non-finite number
# ("nan") raises decimal.InvalidOperation instead of FrameworkError.  Only these two
# exception types are tolerated (as xfail); anything else still fails.
KNOWN_FRAMEWORK_BUGS = (TypeError, decimal.InvalidOperation)


def _only_known(exc: BaseException) -> bool:
    if isinstance(exc, BaseExceptionGroup):
        return all(_only_known(e) for e in exc.exceptions)
    return isinstance(exc, KNOWN_FRAMEWORK_BUGS)


@pytest.mark.parametrize("name", list(TARGETS))
def test_fuzz(name):
    try:
        assert run_target(name, EXAMPLES) > 0
    except BaseException as e:
        if name.startswith("framework") and _only_known(e):
            pytest.xfail(f"frameworks.py raises {type(e).__name__} on a bad file (reported): {e}"[:300])
        raise
