"""What the parts of the DOCX memo writer (docx_header, docx_body, docx_chain, docx_attachments)
read of the composed writer, ``docx_writer._Writer``: its attributes (set in its ``__init__``)
and the helpers it and the other parts define.  Annotations and stubs only: every part and the
writer derive from it, it comes last in the writer's bases, so nothing here is ever run.
python-docx ships no types: its objects are ``Any`` to mypy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .memo_common import _Text
    from .typography import Typography


class DocxWriterBase:
    d: dict                  # the dossier
    memo: dict               # the memo being written
    office: dict             # dossier["office"]
    thai: bool               # Thai digits
    T: _Text                 # digits as the office prints them
    ty: Typography           # the memo form's typography
    family: str              # the font family, as Word knows it
    factor: float            # official pt → the family's pt
    doc: Any                 # the python-docx Document
    texts: list[str]         # every paragraph text written
    tables: list[list[list[str]]]   # header + rows of each table written
    _cell: Any               # a table cell new paragraphs go into (None: the document)

    # defined in docx_writer._Writer
    def pt(self, official: float) -> float:
        raise NotImplementedError

    def para(self, text: str = "", *, size: float | None = None, bold: bool = False, align: Any = None,
             indent_cm: float | None = None, left_cm: float | None = None, before: float = 0,
             keep_next: bool = False, record: bool = True, container: Any = None) -> Any:
        raise NotImplementedError

    def run(self, p: Any, text: str, *, size: float | None = None, bold: bool = False,
            family: str | None = None) -> Any:
        raise NotImplementedError

    def text_width_cm(self, landscape: bool = False, attachment: bool = False) -> float:
        raise NotImplementedError

    def _page_setup(self, section: Any, *, landscape: bool, top_cm: float, header_cm: float,
                    restart: bool) -> None:
        raise NotImplementedError

    def _headers(self, section: Any, body_top_cm: float, header_cm: float) -> None:
        raise NotImplementedError

    # defined in docx_body.BodyPart (used by docx_attachments)
    def body_align(self) -> Any:
        raise NotImplementedError
