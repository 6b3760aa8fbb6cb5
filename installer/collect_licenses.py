"""Copy the licence texts named in resources/licenses/components.toml from the installed
distributions (and the system) into resources/licenses/.

    python installer/collect_licenses.py          # write missing or changed files
    python installer/collect_licenses.py --check  # exit 1 when a listed file is missing

Run it with the Python that builds the bundle after a dependency upgrade, review the diff,
commit.  Sources: ``dist:NAME:FILE`` is a licence file inside a distribution's metadata or
package; ``path:...`` a file on this machine (Debian's /usr/share/common-licenses);
``python`` the interpreter's LICENSE.txt; ``text`` a statement written here.
"""

from __future__ import annotations

import importlib.metadata as md
import sys
import sysconfig
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LICDIR = ROOT / "resources" / "licenses"

FONTPKG_NOTE = """fontpkg (https://pypi.org/project/fontpkg/) declares
License-Expression: MIT in its package metadata. Its wheel ships no licence file;
the MIT licence terms apply: https://opensource.org/license/mit
"""
HARFBUZZ_NOTE = """HarfBuzz, compiled into the uharfbuzz extension, is licensed under the
so-called "Old MIT" licence. The uharfbuzz wheel does not ship HarfBuzz's COPYING file;
its full text with the copyright holders is at
https://github.com/harfbuzz/harfbuzz/blob/main/COPYING
"""

SOURCES = {
    "Python-PSF-2.0.txt": "python",
    "LGPL-3.0.txt": "path:/usr/share/common-licenses/LGPL-3",
    "GPL-3.0.txt": "path:/usr/share/common-licenses/GPL-3",
    "Sarabun-OFL-1.1.txt": "dist:fontpkg-sarabun:LICENSE",
    "fontpkg-MIT.txt": "text:" + FONTPKG_NOTE,
    "fontTools-MIT.txt": "dist:fonttools:LICENSE",
    "reportlab-BSD.txt": "dist:reportlab:LICENSE",
    "rl_accel-BSD.txt": "dist:rl_accel:LICENSE.txt",
    "charset-normalizer-MIT.txt": "dist:charset-normalizer:LICENSE",
    "uharfbuzz-Apache-2.0.txt": "dist:uharfbuzz:LICENSE",
    "harfbuzz-MIT.txt": "text:" + HARFBUZZ_NOTE,
    "pythainlp-Apache-2.0.txt": "dist:pythainlp:LICENSE",
    "pythainlp-corpus-license.md": "dist:pythainlp:pythainlp/corpus/corpus_license.md",
    "SQLAlchemy-MIT.txt": "dist:SQLAlchemy:LICENSE",
    "alembic-MIT.txt": "dist:alembic:LICENSE",
    "Mako-MIT.txt": "dist:Mako:LICENSE",
    "MarkupSafe-BSD-3-Clause.txt": "dist:MarkupSafe:LICENSE.txt",
    "platformdirs-MIT.txt": "dist:platformdirs:LICENSE",
    "jsonschema-MIT.txt": "dist:jsonschema:COPYING",
    "rpds-py-MIT.txt": "dist:rpds-py:LICENSE",
    "attrs-MIT.txt": "dist:attrs:LICENSE",
    "python-docx-MIT.txt": "dist:python-docx:LICENSE",
    "lxml-BSD-3-Clause.txt": "dist:lxml:LICENSE.txt",
    "lxml-bundled-libraries.txt": "dist:lxml:LICENSES.txt",
    "openpyxl-MIT.txt": "dist:openpyxl:LICENCE.rst",
    "et_xmlfile-MIT.txt": "dist:et_xmlfile:LICENCE.rst",
    "Pillow-MIT-CMU.txt": "dist:pillow:LICENSE",
    "typing_extensions-PSF-2.0.txt": "dist:typing_extensions:LICENSE",
    "Apache-2.0.txt": "path:/usr/share/common-licenses/Apache-2.0",
    "PyInstaller-COPYING.txt": "dist:pyinstaller:COPYING.txt",
}


def listed_files() -> list[str]:
    comps = tomllib.loads((LICDIR / "components.toml").read_text("utf-8"))["component"]
    return sorted({f for c in comps for f in c["files"]})


def read_source(spec: str) -> str:
    kind, _, rest = spec.partition(":")
    if kind == "text":
        return rest
    if kind == "python":
        p = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
        if not p.is_file():  # Windows layout: <prefix>\LICENSE.txt
            p = Path(sys.base_prefix) / "LICENSE.txt"
        return p.read_text("utf-8")
    if kind == "path":
        return Path(rest).read_text("utf-8")
    if kind == "dist":
        name, _, fname = rest.partition(":")
        dist = md.distribution(name)
        for f in dist.files or []:
            if str(f).replace("\\", "/").endswith("/" + fname) or str(f) == fname:
                return Path(dist.locate_file(f)).read_text("utf-8")
        raise FileNotFoundError(f"{name} has no {fname}")
    raise ValueError(spec)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    missing = [f for f in listed_files() if f not in SOURCES and not (LICDIR / f).is_file()]
    if missing:
        print("no source for:", ", ".join(missing))
        return 1
    bad = 0
    for fname in listed_files():
        dest = LICDIR / fname
        if check:
            if not dest.is_file() or dest.stat().st_size == 0:
                print(f"missing {dest}")
                bad += 1
            continue
        if fname not in SOURCES:      # written by hand here (ITA Desk's own licence)
            continue
        try:
            text = read_source(SOURCES[fname])
        except (md.PackageNotFoundError, FileNotFoundError) as e:
            print(f"cannot read {fname}: {e} (install the distribution, then run again)")
            bad += 1
            continue
        if not dest.is_file() or dest.read_text("utf-8") != text:
            dest.write_text(text, "utf-8", newline="\n")
            print(f"wrote {dest.relative_to(ROOT)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
