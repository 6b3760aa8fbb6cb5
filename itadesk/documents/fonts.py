"""Thai fonts for printing: the bundled Sarabun, or an installed TH Sarabun.

Default is Google's Sarabun from the ``fontpkg-sarabun`` wheel (OFL-1.1), so a fresh PC prints
correctly.  When the PC has one of the national fonts installed — TH SarabunIT๙, TH SarabunPSK,
TH Sarabun New — it is preferred (in that order), because that is what the official typing
rules were written for.  Installed fonts are recognised by the family name inside the file
(its ``name`` table), whatever the file is called, in the Windows font folder, the per-user
font folder (fonts installed without admin rights), fontconfig's list and the usual Linux/mac
folders.

**Sizes.** Forms state every size in *official points*: the points of TH Sarabun, in which the
rules are written (body 16, labels 20, title 29).  TH Sarabun draws its letters small for its
point size; Sarabun draws them large.  To print a page that looks like (and breaks its lines
about where) a TH Sarabun page does, each font has a *size factor*::

    actual_pt = official_pt × factor

* TH SarabunPSK / Sarabun New / IT๙: factor 1.0 (they are the reference).
* Sarabun: 0.68 — the x-height ratio measured in the spike (0.400 em in TH Sarabun New vs
  0.586 em of rendered Sarabun glyphs); the width ratio of a whole Thai line measured there is
  0.66, close enough.  So body 16 → 10.88 pt, labels 20 → 13.6 pt, title 29 → 19.7 pt.
* any other Thai font (a clerk's choice, e.g. Laksaman): 0.68 × w(Sarabun) / w(font), where
  w is the width of a reference Thai sentence — i.e. scaled so lines are as long as Sarabun's.

Leading: "single" line spacing is the font's own line height (hhea ascender − descender +
line gap) × the actual size, as a word processor does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import FontError

SARABUN_FACTOR = 0.68
_REF_SENTENCE = "ตามที่ สำนักงาน ป.ป.ช. ได้ดำเนินการประมวลผลการประเมินคุณธรรมและความโปร่งใส"

# The national fonts, in order of preference, by the family name inside the font file (its
# ``name`` table) — what Windows and Word call them.  File names vary: Windows' copies of TH
# Sarabun PSK are ``THSarabun.ttf`` / ``THSarabun Bold.ttf``, other copies ``THSarabunPSK.ttf``.
NATIONAL_FAMILIES = ("TH SarabunIT๙", "TH SarabunPSK", "TH Sarabun New")
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def family_key(name: str) -> str:
    """A family name compared loosely: "TH Sarabun PSK" = "TH SarabunPSK", "IT9" = "IT๙"."""
    return re.sub(r"[\s_-]+", "", name).replace("๙", "9").lower()


def real_family_name(name: str) -> str:
    """The family name as the font file (and so Windows and Word) spells it, for the national
    fonts; any other name unchanged.  "TH Sarabun PSK" → "TH SarabunPSK"."""
    key = family_key(name)
    return next((f for f in NATIONAL_FAMILIES if family_key(f) == key), name)


@dataclass(frozen=True)
class FontChoice:
    family: str          # display name: "TH Sarabun New", "Sarabun"
    regular: str         # file path
    bold: str            # file path
    factor: float        # official pt → actual pt
    line_height: float   # single line spacing in em
    bundled: bool = False

    @property
    def reg_name(self) -> str:
        """The name registered in reportlab (ASCII, no spaces)."""
        return "ITD-" + re.sub(r"[^A-Za-z0-9]", "", self.family.replace("๙", "9"))

    def size(self, official_pt: float) -> float:
        return round(official_pt * self.factor, 2)


def _font_dirs() -> list[Path]:
    dirs: list[Path] = []
    home = Path.home()
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [home / "Library" / "Fonts", Path("/Library/Fonts")]
    else:
        dirs += [home / ".fonts", home / ".local" / "share" / "fonts", Path("/usr/share/fonts"),
                 Path("/usr/local/share/fonts")]
    return dirs


def _fc_list_files() -> list[Path]:
    """Font files fontconfig knows (Linux), empty when fc-list is absent."""
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        out = subprocess.run([exe, ":", "file"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(line.split(":")[0].strip()) for line in out.splitlines() if line.strip()]


@lru_cache(maxsize=1)
def _installed_files() -> tuple[Path, ...]:
    files: dict[str, Path] = {}
    for p in _fc_list_files():
        if p.suffix.lower() in _FONT_SUFFIXES:
            files.setdefault(str(p), p)
    for d in _font_dirs():
        if d.is_dir():
            try:
                for p in d.rglob("*"):
                    if p.suffix.lower() in _FONT_SUFFIXES:
                        files.setdefault(str(p), p)
            except OSError:
                continue
    return tuple(files.values())


def _decode_name(platform: int, encoding: int, raw: bytes) -> str | None:
    if platform in (0, 3) or (platform == 2 and encoding == 1):
        return raw.decode("utf-16-be", errors="replace")
    if platform == 1 and encoding == 0:
        return raw.decode("mac_roman", errors="replace")
    return None


def _table_directory(fh) -> dict[bytes, tuple[int, int]] | None:
    """{table tag: (offset, length)} of an open font file (of a collection's first font), or
    None when it is not a TrueType/OpenType font."""
    import struct

    head = fh.read(12)
    if head[:4] == b"ttcf":              # a collection: its first font
        fh.seek(12)
        fh.seek(struct.unpack(">I", fh.read(4))[0])
        head = fh.read(12)
    if len(head) < 12 or head[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return None
    n = struct.unpack(">H", head[4:6])[0]
    directory = fh.read(16 * n)
    where: dict[bytes, tuple[int, int]] = {}
    for i in range(n):
        tag, _sum, offset, length = struct.unpack(">4sIII", directory[16 * i:16 * i + 16])
        where.setdefault(tag, (offset, length))
    return where


def font_names(path: Path | str) -> tuple[str, str] | None:
    """(family, subfamily) from the font file's ``name`` table — typographic names (IDs 16/17)
    when present, else IDs 1/2; Windows English names preferred.  None for an unreadable file.

    Reads only the table directory and the name table (struct, no fontTools): a Windows
    font folder holds hundreds of fonts and this runs when the program first needs fonts."""
    import struct

    try:
        with open(path, "rb") as fh:
            where = _table_directory(fh)
            if where is None or b"name" not in where:
                return None
            offset, length = where[b"name"]
            if length > 4 * 1024 * 1024:
                return None
            fh.seek(offset)
            table = fh.read(length)
        _fmt, count, storage = struct.unpack(">HHH", table[:6])
        found: dict[int, list[tuple[int, str]]] = {}
        for i in range(count):
            plat, enc, lang, nid, ln, off = struct.unpack(">HHHHHH", table[6 + 12 * i:18 + 12 * i])
            if nid not in (1, 2, 16, 17):
                continue
            text = _decode_name(plat, enc, table[storage + off:storage + off + ln])
            if text:
                rank = 0 if (plat, lang) == (3, 0x409) else 1 if plat == 3 else 2 if plat == 0 else 3
                found.setdefault(nid, []).append((rank, text.strip("\x00 ")))
    except (OSError, struct.error, ValueError):
        return None

    def best(nid: int) -> str:
        return min(found[nid])[1] if nid in found else ""

    family, sub = best(16) or best(1), best(17) or best(2)
    return (family, sub) if family else None


def _style(subfamily: str) -> str:
    s = subfamily.lower()
    if "italic" in s or "oblique" in s:
        return "italic"
    if "bold" in s:
        return "bold"
    return "regular" if s in ("", "regular", "normal", "book", "roman", "plain") else "other"


@lru_cache(maxsize=1)
def _installed_national() -> dict[str, dict[str, Path]]:
    """{family: {"regular": path, "bold": path}} for the national fonts found on this PC."""
    keys = {family_key(f): f for f in NATIONAL_FAMILIES}
    out: dict[str, dict[str, Path]] = {}
    for p in sorted(_installed_files(), key=lambda x: (len(x.name), str(x))):
        names = font_names(p)
        if names is None or family_key(names[0]) not in keys:
            continue
        out.setdefault(keys[family_key(names[0])], {}).setdefault(_style(names[1]), p)
    return out


def _line_height(path: str) -> float:
    """Line height in em, (ascent − descent + line gap) / units per em from the ``hhea`` and
    ``head`` tables, read with struct: loading fontTools for two numbers cost ~30 ms of every
    ``itadesk render``.  Falls back to fontTools for a font this reader does not understand."""
    import struct

    try:
        with open(path, "rb") as fh:
            where = _table_directory(fh)
            if where is None:
                raise ValueError("not a font")
            fh.seek(where[b"head"][0])
            upm = struct.unpack(">H", fh.read(54)[18:20])[0]
            fh.seek(where[b"hhea"][0])
            asc, desc, gap = struct.unpack(">hhh", fh.read(36)[4:10])
        if upm <= 0:
            raise ValueError("units per em")
        return (asc - desc + gap) / upm
    except (OSError, KeyError, ValueError, struct.error):
        return _metrics(path)[0]


def _metrics(path: str) -> tuple[float, float]:
    """(line height in em, width of the reference sentence in em)."""
    from fontTools.ttLib import TTFont as FTFont

    f = FTFont(path, lazy=True)
    upm = f["head"].unitsPerEm
    hh = f["hhea"]
    line = (hh.ascent - hh.descent + hh.lineGap) / upm
    cmap, hmtx = f.getBestCmap(), f["hmtx"]
    w = sum(hmtx[cmap[ord(c)]][0] for c in _REF_SENTENCE if ord(c) in cmap) / upm
    return line, w


@lru_cache(maxsize=1)
def bundled_sarabun() -> FontChoice:
    try:
        import fontpkg
    except ImportError as e:  # pragma: no cover - a dependency
        raise FontError("ไม่พบฟอนต์ Sarabun ที่มากับโปรแกรม (แพ็กเกจ fontpkg-sarabun) กรุณาติดตั้งโปรแกรมใหม่") from e
    reg = str(fontpkg.path("Sarabun"))
    bold = str(fontpkg.path("Sarabun", weight=700))
    line = _line_height(reg)
    return FontChoice("Sarabun", reg, bold, SARABUN_FACTOR, line, bundled=True)


@lru_cache(maxsize=1)
def available_fonts() -> tuple[FontChoice, ...]:
    """Thai fonts the program can print with, best first (the bundled Sarabun is last).

    For the GUI's font picker: show ``family``; pass it back as ``font=``."""
    out: list[FontChoice] = []
    found = _installed_national()
    for family in NATIONAL_FAMILIES:
        styles = found.get(family, {})
        reg = styles.get("regular")
        if reg is not None:
            line = _line_height(str(reg))
            out.append(FontChoice(family, str(reg), str(styles.get("bold", reg)), 1.0, line))
    out.append(bundled_sarabun())
    return tuple(out)


def list_thai_fonts() -> list[str]:
    """Family names for a font picker, best first."""
    return [f.family for f in available_fonts()]


def font_from_files(family: str, regular: str, bold: str | None = None) -> FontChoice:
    """A font given by file paths (e.g. a clerk's own TTF): factor scaled to Sarabun's width."""
    if not Path(regular).is_file():
        raise FontError(f"ไม่พบไฟล์ฟอนต์ {regular}")
    line, w = _metrics(regular)
    _, w_ref = _metrics(bundled_sarabun().regular)
    names = font_names(regular)
    th = re.search(r"th ?sarabun", Path(regular).name, re.I) or (
        names is not None and family_key(names[0]) in {family_key(f) for f in NATIONAL_FAMILIES})
    factor = 1.0 if th else round(SARABUN_FACTOR * w_ref / w, 3) if w else SARABUN_FACTOR
    return FontChoice(family, regular, bold or regular, factor, line)


def choose_font(font: str | FontChoice | None = None, preferred: str | None = None) -> FontChoice:
    """The font to print with: ``font`` (a family name from :func:`list_thai_fonts`, or a
    FontChoice), else the office's ``preferred`` family if installed, else the best one."""
    if isinstance(font, FontChoice):
        return font
    fonts = available_fonts()
    for name in (font, preferred):
        if name:
            key = family_key(name)
            for f in fonts:
                if family_key(f.family) == key:
                    return f
            if name is font:
                have = ", ".join(f.family for f in fonts)
                raise FontError(f"ไม่พบฟอนต์ “{name}” ในเครื่องนี้ (มี: {have})")
    return fonts[0]


def register(choice: FontChoice) -> str:
    """Register the font in reportlab (once) and return the family name to use in styles."""
    from .thai_text import install_patches, register_font_family

    install_patches()
    try:
        register_font_family(choice.reg_name, choice.regular, choice.bold)
    except Exception as e:
        raise FontError(f"อ่านไฟล์ฟอนต์ {choice.family} ไม่ได้: {e}") from e
    return choice.reg_name
