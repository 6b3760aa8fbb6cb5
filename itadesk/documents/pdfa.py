"""The archival memo PDF: the memo PDF of ``memo_pdf`` with full metadata, as PDF/A-2b.

    archival_pdf_bytes(dossier, memo_key, *, pdfa=True, font=None, now=None) -> (bytes, RenderInfo)
    render_archival(dossier, memo_key, out_path, *, pdfa=True, font=None, now=None) -> RenderInfo
    pdfa_problems(data) -> list[str]     # our own checks of the PDF/A-2b clauses we can test

The page content is exactly the memo PDF's (same engine, same fonts); this module adds, after
reportlab has written the file (pypdf rewrites it):

* the Info dictionary: Title (เรื่อง), Author (office name), Subject (บันทึกข้อความ ที่ … ลงวันที่ …),
  Keywords, Creator, Producer, CreationDate, ModDate — and no /Trapped;
* the same values in an XMP packet (dc:title, dc:creator, dc:description, pdf:Keywords,
  pdf:Producer, xmp:CreatorTool, xmp:CreateDate, xmp:ModifyDate), uncompressed, referenced
  from the catalog's /Metadata;
* with ``pdfa=True``: ``pdfaid:part=2``, ``pdfaid:conformance=B`` in the XMP and an sRGB
  output intent (/OutputIntents, GTS_PDFA1) whose ICC profile is LittleCMS's built-in sRGB
  (made by Pillow's ImageCms at run time: ICC v4.4 display profile, "No copyright, use freely").

What makes the content itself acceptable (fonts embedded and subset, no base-14 font
selected, no transparency, no encryption, document ID in the trailer) is checked by
:func:`pdfa_problems`; ``docs/exports.md`` says what we could not verify (no veraPDF here).
"""

from __future__ import annotations

import datetime as _dt
import io
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

from .errors import DocumentError

__all__ = ["archival_pdf_bytes", "render_archival", "pdfa_problems", "memo_metadata", "srgb_icc"]

PRODUCER = "ITA Desk (ReportLab, pypdf)"


def srgb_icc() -> bytes:
    """An sRGB ICC profile (LittleCMS built-in, via Pillow): class 'mntr', colour space 'RGB '."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def memo_metadata(dossier: dict, memo: dict) -> dict[str, str]:
    """Title, Author, Subject, Keywords of a memo (as printed: digits as the office prints them)."""
    from ..domain.thai_format import digits, thai_date_long

    office = dossier.get("office", {})
    thai = office.get("thai_digits", True)
    name = office.get("name", "")
    t = (lambda s: digits(s or "", True)) if thai else (lambda s: s or "")
    subject = "บันทึกข้อความ"
    prefix, no = office.get("doc_prefix", ""), memo.get("doc_no", "")
    if prefix or no:
        subject += f" ที่ {t(prefix)}/{t(no)}"
    if memo.get("date"):
        try:
            subject += " ลงวันที่ " + thai_date_long(_dt.date.fromisoformat(memo["date"]), thai=thai)
        except ValueError:
            pass
    fy = memo.get("fiscal_year")
    keywords = ["ITA", "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"]
    if fy:
        keywords.append(f"ปีงบประมาณ พ.ศ. {fy}")
    if memo.get("form"):
        keywords.append(str(memo["form"]))
    if name:
        keywords.append(name)
    return {"title": t(memo.get("subject", "")), "author": name, "subject": subject,
            "keywords": ", ".join(keywords)}


def _utc_offset(d: _dt.datetime) -> tuple[str, int, int]:
    mins = int((d.utcoffset() or _dt.timedelta(0)).total_seconds() // 60)
    hh, mm = divmod(abs(mins), 60)
    return ("+" if mins >= 0 else "-"), hh, mm


def _pdf_date(d: _dt.datetime) -> str:
    sign, hh, mm = _utc_offset(d)
    return d.strftime("D:%Y%m%d%H%M%S") + f"{sign}{hh:02d}'{mm:02d}'"


def _xmp_date(d: _dt.datetime) -> str:
    sign, hh, mm = _utc_offset(d)
    return d.strftime("%Y-%m-%dT%H:%M:%S") + f"{sign}{hh:02d}:{mm:02d}"


def _xmp(meta: dict[str, str], when: _dt.datetime, pdfa: bool, doc_id: str) -> bytes:
    e = lambda s: escape(s, {'"': "&quot;"})  # noqa: E731
    pdfaid = ('  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
              '   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>B</pdfaid:conformance>\n'
              '  </rdf:Description>\n') if pdfa else ""
    body = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{e(meta['title'])}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{e(meta['author'])}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{e(meta['subject'])}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>th-TH</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Keywords>{e(meta['keywords'])}</pdf:Keywords>
   <pdf:Producer>{e(PRODUCER)}</pdf:Producer>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>ITA Desk</xmp:CreatorTool>
   <xmp:CreateDate>{_xmp_date(when)}</xmp:CreateDate>
   <xmp:ModifyDate>{_xmp_date(when)}</xmp:ModifyDate>
   <xmp:MetadataDate>{_xmp_date(when)}</xmp:MetadataDate>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
   <xmpMM:DocumentID>uuid:{doc_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{doc_id}</xmpMM:InstanceID>
  </rdf:Description>
{pdfaid} </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return body.encode("utf-8")


def add_archival_metadata(pdf: bytes, meta: dict[str, str], *, pdfa: bool = True,
                          now: _dt.datetime | None = None) -> bytes:
    """Rewrite a reportlab PDF with Info + XMP metadata (and the PDF/A-2b identification and
    sRGB output intent when ``pdfa``)."""
    try:
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import (ArrayObject, ByteStringObject, DecodedStreamObject, DictionaryObject,
                                   NameObject, NumberObject, TextStringObject)
    except ImportError as e:  # pypdf must be a run-time dependency for this export
        raise DocumentError("ส่งออก PDF สำหรับเก็บถาวรไม่ได้: ไม่พบแพ็กเกจ pypdf กรุณาติดตั้งโปรแกรมใหม่") from e

    when = now or _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    reader = PdfReader(io.BytesIO(pdf))
    w = PdfWriter(clone_from=reader)
    w.pdf_header = b"%PDF-1.7"   # PDF/A-2 is based on ISO 32000-1 (PDF 1.7)
    info = {
        "/Title": meta["title"], "/Author": meta["author"], "/Subject": meta["subject"],
        "/Keywords": meta["keywords"], "/Creator": "ITA Desk", "/Producer": PRODUCER,
        "/CreationDate": _pdf_date(when), "/ModDate": _pdf_date(when),
    }
    w._info = None  # start a fresh Info dictionary (drops reportlab's /Trapped /False)
    w.add_metadata(info)
    if w._info is not None:
        d = w._info.get_object()
        for k in list(d.keys()):
            if k not in info:
                del d[k]
    # keep the document ID of reportlab's trailer (PDF/A wants an /ID)
    rid = reader.trailer.get("/ID")
    doc_id = str(uuid.uuid4())
    if rid:
        first = bytes(rid[0].original_bytes if hasattr(rid[0], "original_bytes") else rid[0])
        w._ID = ArrayObject([ByteStringObject(first), ByteStringObject(first)])
        if len(first) == 16:
            doc_id = str(uuid.UUID(bytes=first))
    xmp = DecodedStreamObject()
    xmp.set_data(_xmp(meta, when, pdfa, doc_id))
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    root = w._root_object
    root[NameObject("/Metadata")] = w._add_object(xmp)
    root[NameObject("/Lang")] = TextStringObject("th-TH")
    if pdfa:
        icc = DecodedStreamObject()
        icc.set_data(srgb_icc())
        icc[NameObject("/N")] = NumberObject(3)
        oi = DictionaryObject({
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB"),
            NameObject("/RegistryName"): TextStringObject("http://www.color.org"),
            NameObject("/Info"): TextStringObject("sRGB IEC61966-2.1 (LittleCMS built-in)"),
            NameObject("/DestOutputProfile"): w._add_object(icc),
        })
        root[NameObject("/OutputIntents")] = ArrayObject([w._add_object(oi)])
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def archival_pdf_bytes(dossier: dict, memo_key: str | None = None, *, pdfa: bool = True, font=None,
                       now: _dt.datetime | None = None):
    """(bytes, RenderInfo) of the archival PDF of a memo."""
    from .memo_pdf import find_memo, render_memo_bytes

    memo = find_memo(dossier, memo_key)
    data, info = render_memo_bytes(dossier, memo.get("key"), font=font)
    try:
        data = add_archival_metadata(data, memo_metadata(dossier, memo), pdfa=pdfa, now=now)
    except DocumentError:
        raise
    except Exception as e:  # pypdf failing on our own output: a program error, said in Thai
        raise DocumentError(f"เพิ่มข้อมูลกำกับเอกสาร (metadata) ใน PDF ไม่สำเร็จ: {e}") from e
    info.size = len(data)
    return data, info


def render_archival(dossier: dict, memo_key: str | None, out_path, *, pdfa: bool = True, font=None,
                    now: _dt.datetime | None = None):
    from .upload_pack import atomic_write_bytes

    data, info = archival_pdf_bytes(dossier, memo_key, pdfa=pdfa, font=font, now=now)
    atomic_write_bytes(Path(out_path), data)
    info.path = str(out_path)
    return info


# ---------------------------------------------------------------- our own PDF/A-2b checks

_BASE14 = {"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica", "Helvetica-Bold",
           "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier", "Courier-Bold", "Courier-Oblique",
           "Courier-BoldOblique", "Symbol", "ZapfDingbats"}


def pdfa_problems(data: bytes) -> list[str]:
    """Problems against the PDF/A-2b clauses we can test without a validator (empty = none
    found).  Not a substitute for veraPDF: see docs/exports.md for what is not covered."""
    import re

    from pypdf import PdfReader

    probs: list[str] = []
    if not re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", data[:64]):
        probs.append("6.1.2 header: %PDF-1.n then a comment of four bytes > 127")
    r = PdfReader(io.BytesIO(data))
    if r.is_encrypted:
        probs.append("6.1.3 encrypted")
    if "/ID" not in r.trailer:
        probs.append("6.1.3 trailer has no /ID")
    root = r.trailer["/Root"].get_object()
    # metadata
    md = root.get("/Metadata")
    xmp = b""
    if md is None:
        probs.append("6.6.2.1 no /Metadata in the catalog")
    else:
        md = md.get_object()
        if "/Filter" in md:
            probs.append("6.6.2.1 metadata stream is filtered")
        xmp = md.get_data()
    xs = xmp.decode("utf-8", "replace")
    if "<pdfaid:part>2</pdfaid:part>" not in xs or "<pdfaid:conformance>B</pdfaid:conformance>" not in xs:
        probs.append("6.6.4 XMP has no pdfaid:part 2 / conformance B")
    info = r.trailer.get("/Info")
    if info is not None:
        info = info.get_object()
        pairs = {"/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description",
                 "/Keywords": "pdf:Keywords", "/Producer": "pdf:Producer", "/Creator": "xmp:CreatorTool"}
        from xml.sax.saxutils import escape as _esc

        for k, tag in pairs.items():
            if k in info and _esc(str(info[k])) not in _xmp_value(xs, tag):
                probs.append(f"6.6.2.3 Info {k} differs from XMP {tag}")
        for k, tag in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
            if k in info and _pdfdate_to_xmp(str(info[k])) != _xmp_value(xs, tag):
                probs.append(f"6.6.2.3 Info {k} differs from XMP {tag}")
        if "/Trapped" in info:
            probs.append("6.6.2.3 Info /Trapped without pdf:Trapped")
    # output intent
    ois = root.get("/OutputIntents")
    if not ois:
        probs.append("6.2.3 no output intent")
    else:
        for oi in ois:
            oi = oi.get_object()
            prof = oi.get("/DestOutputProfile")
            if oi.get("/S") != "/GTS_PDFA1" or prof is None:
                probs.append("6.2.3 output intent is not GTS_PDFA1 with a DestOutputProfile")
                continue
            icc = prof.get_object().get_data()
            if len(icc) < 128 or icc[12:16] not in (b"mntr", b"prtr", b"scnr", b"spac") or icc[8] >= 5:
                probs.append("6.2.3 output intent ICC profile: wrong class or version ≥ 5")
            if icc[16:20] != b"RGB " or prof.get_object().get("/N") != 3:
                probs.append("6.2.3 output intent is not an RGB profile with /N 3")
    # pages: fonts, transparency, annotations
    for i, page in enumerate(r.pages, 1):
        res = page.get("/Resources") or {}
        res = res.get_object() if hasattr(res, "get_object") else res
        for name, f in (res.get("/Font") or {}).items():
            f = f.get_object()
            base = str(f.get("/BaseFont", "")).lstrip("/")
            if base in _BASE14 or "/FontDescriptor" not in f:
                probs.append(f"6.2.11.4 page {i}: font {base} is not embedded")
                continue
            desc = f["/FontDescriptor"].get_object()
            if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                probs.append(f"6.2.11.4 page {i}: font {base} has no font program")
            if f.get("/Subtype") == "/TrueType" and int(desc.get("/Flags", 0)) & 4 and "/Encoding" in f:
                probs.append(f"6.2.11.6 page {i}: symbolic TrueType font {base} has /Encoding")
        for name, x in (res.get("/XObject") or {}).items():
            x = x.get_object()
            if x.get("/Subtype") == "/Image" and ("/Alternates" in x or "/OPI" in x):
                probs.append(f"6.2.8 page {i}: image with Alternates/OPI")
        for gs in (res.get("/ExtGState") or {}).values():
            gs = gs.get_object()
            if "/TR" in gs or "/TR2" in gs and gs["/TR2"] != "/Default":
                probs.append(f"6.2.5 page {i}: transfer function")
        for a in page.get("/Annots") or []:
            a = a.get_object()
            if a.get("/Subtype") not in ("/Link",) and "/AP" not in a:
                probs.append(f"6.3.3 page {i}: annotation without appearance")
    if "/JavaScript" in str(root.get("/Names", "")) or "/OpenAction" in root:
        probs.append("6.6.1 actions or JavaScript in the catalog")
    return probs


def _xmp_value(xs: str, tag: str) -> str:
    import re

    m = re.search(rf"<{tag}>(.*?)</{tag}>", xs, re.S)
    if not m:
        return ""
    inner = m.group(1)
    li = re.search(r"<rdf:li[^>]*>(.*?)</rdf:li>", inner, re.S)
    return (li.group(1) if li else inner).strip()


def _pdfdate_to_xmp(s: str) -> str:
    import re

    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-])(\d\d)'(\d\d)'?", s)
    if not m:
        return "?"
    y, mo, d, h, mi, se, sign, oh, om = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{se}{sign}{oh}:{om}"


def glyph_coverage(data: bytes) -> dict[str, object]:
    """Of the character codes the pages show, how many have a ToUnicode entry and whether any
    shows glyph 0 (.notdef).  {"codes": n, "unmapped": n, "notdef": n}."""
    import re

    from fontTools.ttLib import TTFont
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    r = PdfReader(io.BytesIO(data))
    fonts: dict[int, tuple[set[int], dict[int, str]]] = {}
    used: dict[int, set[int]] = {}
    for page in r.pages:
        res = page["/Resources"].get_object()
        fmap = {str(k): v for k, v in (res.get("/Font") or {}).items()}
        cs = ContentStream(page.get_contents(), r)
        cur = None
        for operands, op in cs.operations:
            if op == b"Tf":
                cur = fmap.get(str(operands[0]))
            elif op in (b"Tj", b"TJ", b"'", b'"') and cur is not None:
                f = cur.get_object()
                fid = cur.idnum
                if fid not in fonts:
                    mapped: set[int] = set()
                    if "/ToUnicode" in f:
                        tu = f["/ToUnicode"].get_object().get_data().decode("latin-1")
                        for blk in re.findall(r"beginbfchar(.*?)endbfchar", tu, re.S):
                            mapped |= {int(a, 16) for a in re.findall(r"<([0-9A-Fa-f]+)>\s*<", blk)}
                        for blk in re.findall(r"beginbfrange(.*?)endbfrange", tu, re.S):
                            for a, b in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*[<\[]", blk):
                                mapped |= set(range(int(a, 16), int(b, 16) + 1))
                    glyphs: dict[int, str] = {}
                    desc = f.get("/FontDescriptor")
                    if desc is not None and "/FontFile2" in desc.get_object():
                        tt = TTFont(io.BytesIO(desc.get_object()["/FontFile2"].get_object().get_data()))
                        glyphs = dict(tt["cmap"].tables[0].cmap)
                    fonts[fid] = (mapped, glyphs)
                items = operands[0] if op == b"TJ" else [operands[-1]]
                for it in items:
                    if isinstance(it, (bytes, str)) or hasattr(it, "original_bytes"):
                        bs = it.original_bytes if hasattr(it, "original_bytes") else (
                            it.encode("latin-1") if isinstance(it, str) else it)
                        used.setdefault(fid, set()).update(bs)
    codes = unmapped = notdef = 0
    for fid, cs_ in used.items():
        mapped, glyphs = fonts[fid]
        for c in cs_:
            codes += 1
            unmapped += c not in mapped
            if glyphs and glyphs.get(c, ".notdef") == ".notdef":
                notdef += 1
    return {"codes": codes, "unmapped": unmapped, "notdef": notdef}
