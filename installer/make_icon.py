"""Draw ITA Desk's icon (resources/icons/itadesk.ico) from shapes — no outside artwork, so no
licence question: a blue tile, a white memo sheet with a folded corner and text lines, and a
green tick.  Re-run after changing the design:  python installer/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons" / "itadesk.ico"
SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = 1024) -> Image.Image:
    s = size / 256                       # the design is on a 256-unit grid
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.rounded_rectangle([8 * s, 8 * s, 248 * s, 248 * s], radius=44 * s, fill=(31, 78, 121, 255))
    # the memo sheet with its top-right corner folded
    sheet = [(64 * s, 36 * s), (158 * s, 36 * s), (196 * s, 74 * s), (196 * s, 220 * s), (64 * s, 220 * s)]
    d.polygon(sheet, fill=(255, 255, 255, 255))
    d.polygon([(158 * s, 36 * s), (158 * s, 74 * s), (196 * s, 74 * s)], fill=(190, 205, 220, 255))
    for y in (96, 122, 148):             # text lines
        d.rounded_rectangle([84 * s, y * s, 176 * s, (y + 10) * s], radius=5 * s, fill=(150, 165, 180, 255))
    # the tick: measures done, memo signed
    d.line([(92 * s, 186 * s), (122 * s, 214 * s), (214 * s, 126 * s)], fill=(46, 160, 67, 255),
           width=int(26 * s), joint="curve")
    return im


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    draw().save(OUT, format="ICO", sizes=SIZES)
    print(OUT, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
