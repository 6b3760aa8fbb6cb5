"""Low-level WordprocessingML helpers for the DOCX writer (python-docx imported lazily)."""

from __future__ import annotations

def _qn(tag: str):
    from docx.oxml.ns import qn

    return qn(tag)


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement

    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(_qn(k.replace("_", ":", 1)), str(v))
    return e


def _set_run_font(rpr, family: str, size_pt: float | None, bold: bool | None = None):
    """rFonts ascii/hAnsi/eastAsia/cs, b/bCs, sz/szCs and lang th-TH on a w:rPr."""
    for child in list(rpr):
        if child.tag in (_qn("w:rFonts"), _qn("w:sz"), _qn("w:szCs"), _qn("w:lang"), _qn("w:b"), _qn("w:bCs")):
            rpr.remove(child)
    # CT_RPr is a sequence: rStyle, rFonts, b, bCs, …, sz, szCs, …, lang …
    rfonts = _el("w:rFonts", w_ascii=family, w_hAnsi=family, w_eastAsia=family, w_cs=family)
    rpr.insert(0 if rpr.find(_qn("w:rStyle")) is None else 1, rfonts)
    pos = list(rpr).index(rfonts) + 1
    if bold is not None:
        rpr.insert(pos, _el("w:b", w_val="1" if bold else "0"))
        rpr.insert(pos + 1, _el("w:bCs", w_val="1" if bold else "0"))
    if size_pt is not None:
        half = str(int(round(size_pt * 2)))
        rpr.append(_el("w:sz", w_val=half))
        rpr.append(_el("w:szCs", w_val=half))
    rpr.append(_el("w:lang", w_val="th-TH", w_eastAsia="th-TH", w_bidi="th-TH"))


def _field(paragraph, instr: str, shown: str, family: str, size: float):
    """A complex field (PAGE) whose cached result is ``shown``."""
    def run(*children):
        r = paragraph.add_run()
        _set_run_font(r._r.get_or_add_rPr(), family, size)
        for c in children:
            r._r.append(c)
        return r

    run(_el("w:fldChar", w_fldCharType="begin"))
    t = _el("w:instrText")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = f" {instr} "
    run(t)
    run(_el("w:fldChar", w_fldCharType="separate"))
    r = paragraph.add_run(shown)
    _set_run_font(r._r.get_or_add_rPr(), family, size)
    run(_el("w:fldChar", w_fldCharType="end"))
