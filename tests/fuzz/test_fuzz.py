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
# Likewise itadesk/domain/thai_format.parse_score("1" + "0" * 26) raises
# decimal.InvalidOperation (formatting the out-of-range value for its message) instead of
# InputError (reported).  score_import guards against it itself.
KNOWN_BUGS = {"framework": (TypeError, decimal.InvalidOperation), "parse_score": (decimal.InvalidOperation,)}


def _only_known(exc: BaseException, known: tuple) -> bool:
    if isinstance(exc, BaseExceptionGroup):
        return all(_only_known(e, known) for e in exc.exceptions)
    return isinstance(exc, known)


@pytest.mark.parametrize("name", list(TARGETS))
def test_fuzz(name):
    try:
        assert run_target(name, EXAMPLES) > 0
    except BaseException as e:
        known = next((v for k, v in KNOWN_BUGS.items() if name.startswith(k) and "round trip" not in name), None)
        if known and _only_known(e, known):
            pytest.xfail(f"known bug outside this branch (reported): {type(e).__name__}: {e}"[:300])
        raise


def test_known_bug_reproducers(tmp_path):
    """Exact reproducers for the reported bugs; xfail until the owners fix them."""
    from itadesk.domain.errors import FrameworkError, InputError
    from itadesk.domain.frameworks import load_framework_file
    from itadesk.domain.thai_format import parse_score

    from .targets import TOML_2565

    found = []
    band = '{ label = "AA", min = "95", passing = true },'
    for label, text in [("non-table band", TOML_2565.replace(band, "1,", 1)),
                        ("nan band minimum", TOML_2565.replace('min = "95"', 'min = "nan"', 1))]:
        assert text != TOML_2565
        (tmp_path / "2565.toml").write_text(text, encoding="utf-8")
        try:
            load_framework_file(tmp_path / "2565.toml")
        except FrameworkError:
            pass
        except (TypeError, decimal.InvalidOperation) as e:
            found.append(f"frameworks.load_framework_file, {label}: {type(e).__name__}")
    try:
        parse_score("1" + "0" * 26)
    except InputError:
        pass
    except decimal.InvalidOperation:
        found.append("thai_format.parse_score('1' + '0' * 26): InvalidOperation")
    if found:
        pytest.xfail("reported bugs outside this branch: " + "; ".join(found))
