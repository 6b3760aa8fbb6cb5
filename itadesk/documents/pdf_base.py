"""What the parts of the PDF memo writer (pdf_header, pdf_body, pdf_chain, pdf_attachments)
read of the composed writer, ``memo_pdf._Engine``: its attributes (set in its ``__init__`` and
``_styles``) and the helpers it defines.  Annotations and stubs only: every part and the engine
derive from it, it comes last in the engine's bases, so nothing here is ever run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle

    from .fonts import FontChoice
    from .memo_common import _Text
    from .thai_text import ThaiParagraph
    from .typography import Typography


class PdfWriterBase:
    d: dict                  # the dossier
    memo: dict               # the memo being printed
    office: dict             # dossier["office"]
    ty: Typography           # the memo form's typography
    T: _Text                 # digits as the office prints them
    fc: FontChoice           # the font and its size factor
    fam: str                 # the registered font family (bold: fam + "-Bold")
    texts: list[str]         # every text printed, as printed
    body_lead: float         # leading of a body line, pt
    # paragraph styles (memo_pdf._Engine._styles)
    s_title: ParagraphStyle
    s_body: ParagraphStyle
    s_plain: ParagraphStyle
    s_plain0: ParagraphStyle
    s_section: ParagraphStyle
    s_sig: ParagraphStyle
    s_cue: ParagraphStyle
    s_pn: ParagraphStyle
    s_att_title: ParagraphStyle
    s_att_head: ParagraphStyle
    s_att_body: ParagraphStyle
    s_cell: ParagraphStyle
    s_cell_c: ParagraphStyle
    s_cell_h: ParagraphStyle
    s_cell_b: ParagraphStyle

    # defined in memo_pdf._Engine
    def _st(self, name: str, official_pt: float, bold: bool = False, **kw: Any) -> ParagraphStyle:
        raise NotImplementedError

    def P(self, text: str, style: ParagraphStyle, bold: bool = False, record: bool = True) -> ThaiParagraph:
        raise NotImplementedError
