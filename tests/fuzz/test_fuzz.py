"""Every data entry point under random, mutated and hostile input (see targets.py and
hostile.py for the contracts).

The number of examples per target is FUZZ_EXAMPLES (default 60: the suite stays fast on a
shared machine); benchmarks/fuzz_counts.py runs many more.  Each run draws a new seed
(FUZZ_SEED=<n> repeats one); a failure names it.
"""

import decimal
import os
import random

import pytest

from .targets import TARGETS, run_target

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
SEED = int(os.environ.get("FUZZ_SEED") or random.SystemRandom().randrange(2**32))


@pytest.mark.parametrize("name", list(TARGETS))
def test_fuzz(name):
    try:
        assert run_target(name, EXAMPLES, seed=SEED) > 0
    except BaseException as e:
        e.add_note(f"fuzz seed: FUZZ_SEED={SEED}")
        raise


def test_cli_entry_points_under_hostile_input():
    """A few command lines in real processes (each a second or so: the benchmark runs more)."""
    from .hostile import run_cli_examples

    ran, failures, _ = run_cli_examples(int(os.environ.get("FUZZ_CLI_EXAMPLES", "4")), SEED)
    assert ran > 0 and failures == 0, f"FUZZ_SEED={SEED}"


def test_bugs_found_by_fuzzing_stay_fixed(tmp_path):
    """Reproducers of what fuzzing found: a non-table band, a "nan" band minimum and a huge
    score raised TypeError / InvalidOperation instead of a Thai error."""
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
    assert not found
