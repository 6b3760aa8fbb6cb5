"""Typography and page settings of a form, in official (TH Sarabun) points and centimetres.

Defaults follow ``shared/domain/memo-format.md`` ("Recommended defaults for forms/").  A form's
``[typography]`` table may override any of them (see ``forms/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Typography:
    # page (cm)
    margin_left_cm: float = 3.0
    margin_right_cm: float = 2.0
    margin_bottom_cm: float = 2.0
    top_first_cm: float = 1.5          # page 1: top edge of the garuda
    top_later_cm: float = 2.5          # page 2 on: top of the text
    page_number_top_cm: float = 1.5    # baseline of "- ๒ -" from the top edge
    cue_bottom_cm: float = 1.2         # baseline of the continuation cue from the bottom edge
    garuda_cm: float = 1.5
    # sizes (official points)
    title_pt: float = 29
    title_leading_pt: float = 35
    label_pt: float = 20
    body_pt: float = 16
    line_spacing: float = 1.0          # 1.0 = single ("1 เท่า"): the font's own line height
    paragraph_space_pt: float = 6      # "Before 6 pt" (absolute points, not scaled)
    indent_cm: float = 2.5             # first-line indent of body paragraphs
    justify_body: bool = True          # Thai distributed justification of body paragraphs
    section_title_indent_cm: float = 0.0
    date_column: float = 0.5           # วันที่ starts at this fraction of the text width
    header_dots: bool = True           # dotted leaders after ส่วนราชการ / ที่ / วันที่ / เรื่อง
    date_style: str = "plain"          # "plain": ๗ เมษายน ๒๕๖๕; "words": ๗ เดือน เมษายน พ.ศ. ๒๕๖๕
    # signatures
    signature_column: float = 0.45     # signature column starts at this fraction of the width
    signing_lines: int = 3             # blank lines above "(name)"
    comment_lines: int = 2             # default dotted lines in a comment block
    choice_box: str = "box"            # "box" (drawn square) or "paren" ("(  )")
    chain_columns: int = 1             # 2: the comment blocks two by two, side by side
    continuation_cue: bool = True
    cue_words_chars: int = 28          # at most this many characters of the next page's words
    # attachments
    attachment_title_pt: float = 18
    attachment_body_pt: float = 16
    table_pt: float = 14
    table_header_shade: bool = True
    step_numbers: str = "auto"         # steps in measures tables: "auto" (a lone step bare), "always", "never"
    landscape_margin_cm: float = 1.5
    attachment_margin_top_cm: float = 2.0


TYPOGRAPHY_KEYS = {f.name: f.type for f in fields(Typography)}


def typography_from(data: dict | None) -> Typography:
    return Typography(**(data or {}))
