"""A test set for the checker: correct memos of three invented offices (they must stay silent) and
mistakes made the way clerks make them (a digit swapped, last year's memo copied, points written
as percent, another office's template, a unit that does not exist …), none taken from the example
memos.  Used by tests/domain/checks/test_checks_corpus.py and benchmarks/check_bench.py.

Totals and percentages in the texts are computed here by hand (``weighted``/``pct`` below, the
published formula: 30 % IIT + 30 % EIT + 40 % OIT of the indicator means, rounded half up), not
by the program's scoring code.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable

from tests.domain.checks.check_helpers import EMBLEM

TODAY = dt.date(2026, 1, 15)
TH = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
IIT, EIT, OIT = (1, 2, 3, 4, 5), (6, 7, 8), (9, 10)
NAMES = {1: "การปฏิบัติหน้าที่", 2: "การใช้งบประมาณ", 3: "การใช้อำนาจ", 4: "การใช้ทรัพย์สินของราชการ",
         5: "การแก้ไขปัญหาการทุจริต", 6: "คุณภาพการดำเนินงาน", 7: "ประสิทธิภาพการสื่อสาร",
         8: "การปรับปรุงระบบการทำงาน", 9: "การเปิดเผยข้อมูล", 10: "การป้องกันการทุจริต"}
FULL = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"


def t(x: object) -> str:
    return str(x).translate(TH)


def q(v: Decimal) -> Decimal:
    return v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def weighted(s: dict[int, str]) -> Decimal:
    d = {k: Decimal(v) for k, v in s.items()}
    mean = lambda ks: sum(d[k] for k in ks) / len(ks)  # noqa: E731
    return q(mean(IIT) * Decimal("0.3") + mean(EIT) * Decimal("0.3") + mean(OIT) * Decimal("0.4"))


def pct(old: Decimal, new: Decimal) -> Decimal:
    return q((new - old) * 100 / old)


@dataclass
class Case:
    name: str
    dossier: dict
    family: str = ""        # the rule family that must catch it ("" = a correct memo)
    severity: str = "error"


# ------------------------------------------------------------------ office A: เทศบาลตำบลท่าม่วง, grades

A_S65 = {1: "94.12", 2: "90.35", 3: "92.80", 4: "91.07", 5: "88.46", 6: "86.20", 7: "81.45", 8: "83.90",
         9: "90.18", 10: "87.50"}
A_S66 = {1: "96.30", 2: "92.15", 3: "95.02", 4: "93.88", 5: "90.64", 6: "88.75", 7: "84.10", 8: "87.36",
         9: "93.57", 10: "95.00"}
A65, A66 = weighted(A_S65), weighted(A_S66)


def level(total: Decimal) -> str:
    for lab, lo in (("AA", 95), ("A", 85), ("B", 75), ("C", 65), ("D", 55), ("E", 50)):
        if total >= lo:
            return lab
    return "F"


def office_a() -> dict:
    return {
        "name": "เทศบาลตำบลท่าม่วง", "kind": "เทศบาลตำบล", "amphoe": "ท่าม่วง", "province": "กาญจนบุรี",
        "doc_prefix": "กจ ๗๒๒๐๑", "emblem_png_base64": EMBLEM,
        "units": ["สำนักปลัดเทศบาล", "งานนิติการ", "กองคลัง", "กองช่าง", "กองการศึกษา"],
        "people": [
            {"key": "pim", "name": "นางสาวพิมพ์ชนก ศรีสวัสดิ์", "position": "นักวิเคราะห์นโยบายและแผนชำนาญการ",
             "unit": "สำนักปลัดเทศบาล"},
            {"key": "head", "name": "นายประเสริฐ วงศ์ใหญ่", "position": "หัวหน้าสำนักปลัดเทศบาล"},
            {"key": "palad", "name": "นางวิไลวรรณ ทองดี", "position": "ปลัดเทศบาลตำบลท่าม่วง"},
            {"key": "mayor", "name": "นายสมศักดิ์ บุญมา", "position": "นายกเทศมนตรีตำบลท่าม่วง"},
        ],
    }


def chain_a() -> list[dict]:
    return [{"heading": "ความเห็นของหัวหน้าสำนักปลัดเทศบาล", "person": "head"},
            {"heading": "ความเห็นของปลัดเทศบาลตำบลท่าม่วง", "person": "palad"},
            {"heading": "ความเห็นของนายกเทศมนตรีตำบลท่าม่วง", "person": "mayor",
             "choices": ["เห็นชอบ", "ไม่เห็นชอบ เพราะ"]}]


def measures_a() -> list[dict]:
    return [
        {"key": "a1", "fiscal_year": 2567, "indicators": [7], "title": "มาตรการเพิ่มประสิทธิภาพการสื่อสารกับประชาชน",
         "steps": [{"text": "ปรับปรุงเว็บไซต์ให้ค้นหาข้อมูลได้ง่าย"},
                   {"text": "เผยแพร่ข่าวสารผ่านเพจของหน่วยงานทุกสัปดาห์"}],
         "units": ["สำนักปลัดเทศบาล"], "period": {"from": "2023-11", "to": "2024-09"},
         "monitoring": "รายงานผลต่อผู้บริหารทุกไตรมาส", "status": "done",
         "output": "ปรับปรุงเว็บไซต์แล้วเสร็จ และเผยแพร่ข่าวสารครบทุกสัปดาห์"},
        {"key": "a2", "fiscal_year": 2567, "indicators": [8], "title": "มาตรการลดขั้นตอนการให้บริการ",
         "steps": [{"text": "จัดทำคู่มือการให้บริการทุกงาน"}, {"text": "เปิดให้ยื่นคำร้องทางออนไลน์"}],
         "units": ["ทุกส่วนราชการ"], "period": {"from": "2023-12", "to": "2024-06"},
         "monitoring": "สำรวจความพึงพอใจของผู้รับบริการ", "status": "done",
         "output": "มีคู่มือการให้บริการครบทุกงาน"},
        {"key": "a3", "fiscal_year": 2567, "indicators": [5], "title": "มาตรการป้องกันการรับสินบน",
         "steps": [{"text": "ประกาศนโยบายไม่รับของขวัญ"}], "units": ["งานนิติการ", "กองคลัง"],
         "period": {"from": "2023-10", "to": "2024-09"}, "monitoring": "ติดตามเรื่องร้องเรียนทุกเดือน",
         "status": "in_progress", "output": "ประกาศนโยบายแล้ว"},
    ]


def analysis_a() -> dict:
    up = A66 - A65
    return {
        "key": "an66", "form": "analysis_report", "fiscal_year": 2566, "date": "2023-10-20",
        "unit": "สำนักปลัดเทศบาล เทศบาลตำบลท่าม่วง", "doc_no": "๑๒๓",
        "subject": f"รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
                   f"ประจำปีงบประมาณ พ.ศ. {t(2566)}",
        "to": "นายกเทศมนตรีตำบลท่าม่วง",
        "sections": [
            {"title": "๑. เรื่องเดิม", "paragraphs": [
                f"ตามที่ สำนักงาน ป.ป.ช. ได้ประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
                f"ประจำปีงบประมาณ พ.ศ. {t(2566)} และประกาศผลการประเมินผ่านระบบ ITAS แล้ว นั้น"]},
            {"title": "๒. ข้อเท็จจริง", "paragraphs": [
                f"เทศบาลตำบลท่าม่วง ได้คะแนนรวม {t(A66)} คะแนน อยู่ในระดับ {level(A66)} ซึ่งเพิ่มขึ้นจากปีงบประมาณ "
                f"พ.ศ. {t(2565)} ที่ได้ {t(A65)} คะแนน อยู่ในระดับ {level(A65)} โดยเพิ่มขึ้น {t(up)} คะแนน "
                f"คิดเป็นร้อยละ {t(pct(A65, A66))}",
                f"ตัวชี้วัดประสิทธิภาพการสื่อสาร ได้ {t(A_S66[7])} คะแนน ต่ำที่สุด และต่ำกว่าเกณฑ์ผ่าน "
                f"({t(85)} คะแนนขึ้นไป) จึงต้องพัฒนาในปีงบประมาณ พ.ศ. {t(2567)}"]},
            {"title": "๓. ข้อเสนอเพื่อพิจารณา", "paragraphs": [
                "เห็นควรเผยแพร่รายงานนี้บนเว็บไซต์ของเทศบาลตำบลท่าม่วง และแจ้งทุกส่วนราชการทราบ"]},
        ],
        "closing": "จึงเรียนมาเพื่อโปรดทราบและพิจารณา",
        "author": {"person": "pim"}, "chain": chain_a(),
        "attachments": [
            {"title": [f"รายงานการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {t(2566)}",
                       "เทศบาลตำบลท่าม่วง อำเภอท่าม่วง จังหวัดกาญจนบุรี"],
             "blocks": [
                 {"type": "heading", "text": "เครื่องมือในการประเมิน"},
                 {"type": "paragraph", "text": f"การประเมินประกอบด้วย {t(3)} เครื่องมือ ได้แก่ แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) "
                                               "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT) และแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)"},
                 {"type": "paragraph", "text": f"แบบวัด IIT ประเมินใน {t(5)} ตัวชี้วัด ได้แก่ การปฏิบัติหน้าที่ การใช้งบประมาณ "
                                               "การใช้อำนาจ การใช้ทรัพย์สินของราชการ และการแก้ไขปัญหาการทุจริต"},
                 {"type": "paragraph", "text": f"ผลการประเมินจำแนกออกเป็น {t(7)} ระดับ ดังนี้"},
                 {"type": "table", "table": "static",
                  "columns": [{"key": "r", "label": "คะแนน"}, {"key": "l", "label": "ระดับ"}],
                  "rows": [[f"{t('95.00')} - {t('100.00')}", "AA"], [f"{t('85.00')} - {t('94.99')}", "A"],
                           [f"{t('75.00')} - {t('84.99')}", "B"]]},
                 {"type": "table", "table": "static",
                  "columns": [{"key": "a", "label": "รายการ"}, {"key": "b", "label": "IIT"},
                              {"key": "c", "label": "EIT"}, {"key": "d", "label": "OIT"}],
                  "rows": [["น้ำหนัก", f"ร้อยละ {t(30)}", f"ร้อยละ {t(30)}", f"ร้อยละ {t(40)}"]]},
                 {"type": "table", "table": "static",
                  "columns": [{"key": "n", "label": "ที่"}, {"key": "i", "label": "ตัวชี้วัด"}],
                  "rows": [[t(1), NAMES[1]], [t(7), NAMES[7]]]},
                 {"type": "table", "table": "static",
                  "columns": [{"key": "a", "label": "รายการ"}, {"key": "b", "label": f"พ.ศ. {t(2565)}"},
                              {"key": "c", "label": f"พ.ศ. {t(2566)}"}],
                  "rows": [["คะแนนรวม", t(A65), t(A66)], [NAMES[7], t(A_S65[7]), t(A_S66[7])]]},
                 {"type": "paragraph", "text": f"ตัวชี้วัดที่ {t(7)} ประสิทธิภาพการสื่อสาร ได้คะแนนต่ำที่สุด "
                                               f"ส่วนตัวชี้วัดที่ {t(1)} การปฏิบัติหน้าที่ ได้คะแนนสูงที่สุด"},
                 {"type": "heading", "text": f"สรุปผลการประเมินประจำปีงบประมาณ พ.ศ. {t(2566)} "
                                             f"(เทียบกับปีงบประมาณ พ.ศ. {t(2565)})"},
                 {"type": "table", "table": "score_comparison", "years": [2565, 2566],
                  "columns": [{"key": "indicator", "label": "ตัวชี้วัด"}, {"key": "old", "label": f"พ.ศ. {t(2565)}"},
                              {"key": "new", "label": f"พ.ศ. {t(2566)}"}, {"key": "change"}]},
                 {"type": "table", "table": "indicator_ranking", "fiscal_year": 2566},
             ]},
            {"title": [f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {t(2567)}",
                       "เทศบาลตำบลท่าม่วง อำเภอท่าม่วง จังหวัดกาญจนบุรี"],
             "blocks": [{"type": "table", "table": "measures_plan", "fiscal_year": 2567}]},
        ],
    }


def plan_a() -> dict:
    return {
        "key": "plan67", "form": "measures_plan", "fiscal_year": 2567, "date": "2023-11-06",
        "unit": "สำนักปลัดเทศบาล เทศบาลตำบลท่าม่วง",
        "subject": f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {t(2567)}",
        "to": "นายกเทศมนตรีตำบลท่าม่วง",
        "sections": [{"paragraphs": [
            f"ตามที่ เทศบาลตำบลท่าม่วง ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
            f"(ITA) ประจำปีงบประมาณ พ.ศ. {t(2566)} ได้คะแนน {t(A66)} คะแนน อยู่ในระดับ {level(A66)} นั้น",
            f"ในการนี้ สำนักปลัดเทศบาล ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ. {t(2567)} รายละเอียดตามเอกสารที่แนบมาพร้อมนี้"]}],
        "closing": "จึงเรียนมาเพื่อโปรดพิจารณา",
        "author": {"person": "head"},
        "chain": [{"heading": "ความเห็นของปลัดเทศบาลตำบลท่าม่วง", "person": "palad"},
                  {"heading": "ความเห็นของนายกเทศมนตรีตำบลท่าม่วง", "person": "mayor",
                   "choices": ["อนุมัติ", "ไม่อนุมัติ เพราะ"]}],
        "attachments": [{"title": [f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {t(2567)}"],
                         "blocks": [{"type": "table", "table": "measures_plan", "fiscal_year": 2567}]}],
    }


def dossier_a() -> dict:
    return {"format": "itadesk-dossier", "version": 1, "office": office_a(),
            "years": [{"fiscal_year": 2565, "indicators": {str(k): v for k, v in A_S65.items()},
                       "published_total": str(A65), "published_level": level(A65)},
                      {"fiscal_year": 2566, "indicators": {str(k): v for k, v in A_S66.items()},
                       "published_total": str(A66), "published_level": level(A66),
                       "analysis": [{"indicator": 7, "category": "improve", "text": "ต้องพัฒนาการสื่อสาร"}]}],
            "measures": measures_a(), "memos": [analysis_a(), plan_a()]}


# ------------------------------------------------------------------ office B: อบต.บ้านเป้า, pass scheme

B_S67 = {1: "97.20", 2: "96.40", 3: "98.10", 4: "96.85", 5: "95.60", 6: "96.30", 7: "95.90", 8: "97.10",
         9: "98.75", 10: "99.00"}
B_S68 = {1: "92.40", 2: "90.15", 3: "93.70", 4: "91.30", 5: "88.90", 6: "90.60", 7: "86.45", 8: "89.10",
         9: "94.25", 10: "92.50"}
B67, B68 = weighted(B_S67), weighted(B_S68)     # every tool ≥ 95 in 2567: ผ่านดีเยี่ยม; 2568: ผ่านดี
B68_OIT = q((Decimal(B_S68[9]) + Decimal(B_S68[10])) / 2)


def office_b() -> dict:
    return {
        "name": "องค์การบริหารส่วนตำบลบ้านเป้า", "kind": "องค์การบริหารส่วนตำบล", "amphoe": "แม่แตง",
        "province": "เชียงใหม่", "doc_prefix": "ชม ๗๘๖๐๑", "emblem_png_base64": EMBLEM,
        "units": ["สำนักปลัด", "กองคลัง", "กองช่าง"],
        "people": [
            {"key": "nok", "name": "นางนกน้อย คำแสน", "position": "นิติกรชำนาญการ", "unit": "สำนักปลัด"},
            {"key": "boss", "name": "นายธนากร แก้วมณี", "position": "ปลัดองค์การบริหารส่วนตำบลบ้านเป้า"},
            {"key": "chief", "name": "นายอุดม ปัญญาดี", "position": "นายกองค์การบริหารส่วนตำบลบ้านเป้า"},
        ],
    }


def measures_b() -> list[dict]:
    return [
        {"key": "b1", "fiscal_year": 2569, "indicators": [5], "title": "มาตรการแก้ไขปัญหาการทุจริตภายในหน่วยงาน",
         "steps": [{"text": "จัดอบรมเจ้าหน้าที่เรื่องผลประโยชน์ทับซ้อน", "units": ["สำนักปลัด"],
                    "period": {"from": "2025-12", "to": "2025-12"}},
                   {"text": "เปิดช่องทางร้องเรียนทางออนไลน์", "units": ["กองคลัง"],
                    "period": {"from": "2026-01", "to": "2026-03"}}],
         "status": "planned"},
        {"key": "b2", "fiscal_year": 2569, "indicators": [7], "title": "มาตรการสื่อสารข้อมูลข่าวสารให้ทั่วถึง",
         "steps": [{"text": "ประชาสัมพันธ์ผ่านหอกระจายข่าวทุกหมู่บ้าน", "units": ["สำนักปลัด"],
                    "period": {"from": "2025-11", "to": "2026-09"}}],
         "status": "planned"},
    ]


def analysis_b() -> dict:
    down = B67 - B68
    return {
        "key": "rep68", "form": "analysis_report", "fiscal_year": 2568, "date": "2025-10-08",
        "unit": "สำนักปลัด องค์การบริหารส่วนตำบลบ้านเป้า",
        "subject": f"รายงานผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
                   f"ประจำปีงบประมาณ พ.ศ. {t(2568)}",
        "to": "นายกองค์การบริหารส่วนตำบลบ้านเป้า",
        "sections": [
            {"title": "เรื่องเดิม", "paragraphs": [
                f"ตามที่ องค์การบริหารส่วนตำบลบ้านเป้า ได้เข้ารับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
                f"ของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) ประจำปีงบประมาณ พ.ศ. {t(2568)} นั้น"]},
            {"title": "ข้อเท็จจริง", "paragraphs": [
                f"ผลการประเมินประจำปีงบประมาณ พ.ศ. {t(2568)} ได้ {t(B68)} คะแนน ผลการประเมินอยู่ในระดับผ่านดี "
                f"ลดลงจากปีงบประมาณ พ.ศ. {t(2567)} ที่ได้ {t(B67)} คะแนน อยู่ในระดับผ่านดีเยี่ยม "
                f"โดยลดลง {t(down)} คะแนน คิดเป็นร้อยละ {t(abs(pct(B67, B68)))}",
                f"เกณฑ์ผ่านของการประเมิน คือ {t(85)} คะแนนขึ้นไป ซึ่งองค์การบริหารส่วนตำบลบ้านเป้า ผ่านเกณฑ์ทุกเครื่องมือ "
                f"โดยแบบวัด OIT ได้ {t(B68_OIT)} คะแนน ส่วนข้อที่ต้องพัฒนา คือ (i{t(2)} : {t('88.40')} คะแนน)"]},
            {"title": "ข้อพิจารณา", "paragraphs": [
                f"จึงได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {t(2569)} "
                f"รายละเอียดตามเอกสารแนบ"]},
        ],
        "closing": "จึงเรียนมาเพื่อโปรดทราบ",
        "author": {"person": "nok"},
        "chain": [{"heading": "ความเห็นปลัดองค์การบริหารส่วนตำบลบ้านเป้า", "person": "boss"},
                  {"heading": "ความเห็น / คำสั่ง นายกองค์การบริหารส่วนตำบลบ้านเป้า", "person": "chief",
                   "choices": ["เห็นชอบ", "ไม่เห็นชอบ เพราะ"]}],
        "attachments": [
            {"title": [f"ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {t(2568)}",
                       "องค์การบริหารส่วนตำบลบ้านเป้า อำเภอแม่แตง จังหวัดเชียงใหม่"],
             "blocks": [
                 {"type": "paragraph", "text": f"ผลการประเมินแบ่งออกเป็น {t(5)} ระดับ โดยมีเกณฑ์ผ่านที่ {t(85)} คะแนน"},
                 {"type": "table", "table": "score_summary", "fiscal_year": 2568},
                 {"type": "table", "table": "level_bands", "fiscal_year": 2568},
             ]},
            {"title": [f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {t(2569)}"],
             "blocks": [{"type": "table", "table": "measures_plan", "fiscal_year": 2569,
                         "columns": [{"key": "title"}, {"key": "steps"}, {"key": "units"}, {"key": "period"}]}]},
        ],
    }


def dossier_b() -> dict:
    return {"format": "itadesk-dossier", "version": 1, "office": office_b(),
            "years": [{"fiscal_year": 2567, "indicators": {str(k): v for k, v in B_S67.items()},
                       "published_total": str(B67), "published_level": "ผ่านดีเยี่ยม"},
                      {"fiscal_year": 2568, "indicators": {str(k): v for k, v in B_S68.items()},
                       "items": {"i1": "95.10", "i2": "88.40", "i3": "90.00"},
                       "published_total": str(B68), "published_level": "ผ่านดี"}],
            "measures": measures_b(), "memos": [analysis_b()]}


# ------------------------------------------------------------------ office C: เทศบาลเมืองยโสธร, results memo

C66 = Decimal("91.47")


def office_c() -> dict:
    return {
        "name": "เทศบาลเมืองยโสธร", "kind": "เทศบาลเมือง", "amphoe": "เมืองยโสธร", "province": "ยโสธร",
        "doc_prefix": "ยส ๕๒๐๐๑", "emblem_png_base64": EMBLEM,
        "units": ["สำนักปลัดเทศบาล", "กองคลัง", "กองสาธารณสุขและสิ่งแวดล้อม", "กองยุทธศาสตร์และงบประมาณ"],
        "people": [
            {"key": "plan", "name": "นายวีระพงษ์ ศรีบุญ", "position": "นักวิเคราะห์นโยบายและแผนปฏิบัติการ",
             "unit": "กองยุทธศาสตร์และงบประมาณ"},
            {"key": "dir", "name": "นางสุดารัตน์ พรหมมา", "position": "ผู้อำนวยการกองยุทธศาสตร์และงบประมาณ"},
            {"key": "dep", "name": "นายณรงค์ ทองคำ", "position": "รองปลัดเทศบาล", "acting_for": "ปลัดเทศบาลเมืองยโสธร"},
            {"key": "may", "name": "นายไพบูลย์ จันทร์เพ็ญ", "position": "นายกเทศมนตรีเมืองยโสธร"},
        ],
    }


def measures_c() -> list[dict]:
    return [
        {"key": "c1", "fiscal_year": 2567, "title": "มาตรการเปิดเผยข้อมูลการจัดซื้อจัดจ้าง",
         "steps": [{"text": "เผยแพร่แผนการจัดซื้อจัดจ้างบนเว็บไซต์", "units": ["กองคลัง"],
                    "period": {"from": "2023-10", "to": "2023-12", "text": "ต.ค. ๖๖ - ธ.ค. ๖๖"},
                    "output": "เผยแพร่แผนแล้วเมื่อเดือนพฤศจิกายน"},
                   {"text": "สรุปผลการจัดซื้อจัดจ้างรายเดือน", "units": ["กองคลัง"],
                    "period": {"from": "2023-10", "to": "2024-09"}, "output": "สรุปผลครบทุกเดือน"}],
         "status": "done", "suggestions": "ควรทำต่อเนื่องทุกปี"},
        {"key": "c2", "fiscal_year": 2567, "title": "มาตรการส่งเสริมการมีส่วนร่วมของประชาชน",
         "steps": [{"text": "จัดประชุมประชาคมเพื่อรับฟังความคิดเห็น", "units": ["กองยุทธศาสตร์และงบประมาณ"],
                    "period": {"from": "2024-02", "to": "2024-03"}, "output": "จัดประชุมประชาคมแล้ว"}],
         "status": "done"},
    ]


def results_c() -> dict:
    return {
        "key": "res67", "form": "measures_results", "fiscal_year": 2567, "date": "2024-10-21",
        "unit": "กองยุทธศาสตร์และงบประมาณ เทศบาลเมืองยโสธร", "doc_no": "๘๘",
        "subject": f"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {t(2567)}",
        "to": "นายกเทศมนตรีเมืองยโสธร",
        "sections": [
            {"title": "เรื่องเดิม", "paragraphs": [
                f"ตามที่ เทศบาลเมืองยโสธร ได้รับผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {t(2566)} ได้คะแนน {t(C66)} "
                f"คะแนน อยู่ในระดับ A และได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {t(2567)} นั้น"]},
            {"title": "ข้อเท็จจริง", "paragraphs": [
                "กองยุทธศาสตร์และงบประมาณ ได้ติดตามผลการดำเนินการตามมาตรการครบทุกมาตรการแล้ว "
                "รายละเอียดปรากฏตามเอกสารที่แนบมาพร้อมนี้"]},
        ],
        "closing": "จึงเรียนมาเพื่อโปรดทราบและพิจารณา",
        "author": {"person": "plan"},
        "chain": [{"heading": "ความเห็นของผู้อำนวยการกองยุทธศาสตร์และงบประมาณ", "person": "dir"},
                  {"heading": "ความเห็นของปลัดเทศบาลเมืองยโสธร", "person": "dep"},
                  {"heading": "ความเห็นของนายกเทศมนตรีเมืองยโสธร", "person": "may"}],
        "attachments": [{"title": [f"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {t(2567)}",
                                   "เทศบาลเมืองยโสธร อำเภอเมืองยโสธร จังหวัดยโสธร"],
                         "blocks": [{"type": "table", "table": "measures_results", "fiscal_year": 2567}]}],
    }


def dossier_c() -> dict:
    return {"format": "itadesk-dossier", "version": 1, "office": office_c(),
            "years": [{"fiscal_year": 2566, "published_total": str(C66), "published_level": "A"}],
            "measures": measures_c(), "memos": [results_c()]}


# ------------------------------------------------------------------ office D: เทศบาลนครตรัง, plan memo, pass scheme

D67 = Decimal("87.42")       # published total only: ผ่าน or ผ่านดี (tool scores unknown)


def office_d() -> dict:
    return {
        "name": "เทศบาลนครตรัง", "kind": "เทศบาลนคร", "amphoe": "เมืองตรัง", "province": "ตรัง",
        "doc_prefix": "ตง ๕๒๐๐๑", "emblem_png_base64": EMBLEM, "website": "https://www.trangcity.go.th",
        "units": ["สำนักปลัดเทศบาล", "สำนักคลัง", "สำนักการช่าง", "กองวิชาการและแผนงาน"],
        "people": [
            {"key": "wan", "name": "นางวรรณา ชูแก้ว", "position": "นักวิเคราะห์นโยบายและแผนชำนาญการ",
             "unit": "กองวิชาการและแผนงาน"},
            {"key": "chief", "name": "นายกิตติ หมื่นราม", "position": "ผู้อำนวยการกองวิชาการและแผนงาน"},
            {"key": "clerk", "name": "นายสุรชัย พรหมทอง", "position": "ปลัดเทศบาลนครตรัง"},
            {"key": "mayor", "name": "นายอำนวย แสงทอง", "position": "นายกเทศมนตรีนครตรัง"},
        ],
    }


def measures_d() -> list[dict]:
    return [
        {"key": "d1", "fiscal_year": 2568, "indicators": [9], "title": "มาตรการเปิดเผยข้อมูลต่อสาธารณะ",
         "steps": [{"text": "ตรวจสอบข้อมูลบนเว็บไซต์ให้เป็นปัจจุบันทุกเดือน"},
                   {"text": "เผยแพร่รายงานการใช้จ่ายงบประมาณรายไตรมาส"}],
         "units": ["กองวิชาการและแผนงาน", "สำนักคลัง"], "monitoring": "รายงานผลทุกหกเดือน", "status": "planned"},
        {"key": "d2", "fiscal_year": 2568, "indicators": [3], "title": "มาตรการป้องกันการใช้อำนาจโดยมิชอบ",
         "steps": [{"text": "กำหนดหลักเกณฑ์การมอบหมายงานอย่างเป็นธรรม"}],
         "units": ["ทุกส่วนราชการ"], "monitoring": "ติดตามเรื่องร้องเรียน", "status": "planned"},
    ]


def plan_d() -> dict:
    return {
        "key": "plan68", "form": "measures_plan", "fiscal_year": 2568, "date": "2024-11-12",
        "unit": "กองวิชาการและแผนงาน เทศบาลนครตรัง", "doc_no": "๔๕๖",
        "subject": f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {t(2568)}",
        "to": "นายกเทศมนตรีนครตรัง",
        "sections": [{"paragraphs": [
            f"ตามที่ เทศบาลนครตรัง ได้รับผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
            f"ประจำปีงบประมาณ พ.ศ. {t(2567)} ได้ {t(D67)} คะแนน จากคะแนนเต็ม {t(100)} คะแนน อยู่ในระดับผ่าน "
            f"ซึ่งผ่านเกณฑ์ ({t(85)} คะแนนขึ้นไป) นั้น",
            f"ตามแผนแม่บทภายใต้ยุทธศาสตร์ชาติ ประเด็นการต่อต้านการทุจริตและประพฤติมิชอบ (พ.ศ. {t(2561)}-{t(2580)}) "
            f"กำหนดให้หน่วยงานภาครัฐไม่น้อยกว่าร้อยละ {t(80)} ผ่านเกณฑ์การประเมิน และพระราชบัญญัติข้อมูลข่าวสาร"
            f"ของราชการ พ.ศ. {t(2540)} กำหนดให้เปิดเผยข้อมูลต่อประชาชน",
            "กองวิชาการและแผนงาน จึงได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ร่วมกับทุกส่วนราชการ "
            "โดยจะเผยแพร่บนเว็บไซต์ https://www.trangcity.go.th และรายงานผลในระบบ ITAS ต่อไป",
            "ทั้งนี้ ได้แลกเปลี่ยนแนวทางกับเทศบาลตำบลและองค์การบริหารส่วนตำบลในจังหวัดตรัง "
            "รวมทั้งทุกเทศบาลในอำเภอเมืองตรัง แล้ว"]}],
        "closing": "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ",
        "author": {"person": "wan"},
        "chain": [{"heading": "ความเห็นของผู้อำนวยการกองวิชาการและแผนงาน", "person": "chief"},
                  {"heading": "ความเห็นของปลัดเทศบาลนครตรัง", "person": "clerk"},
                  {"heading": "ความเห็นของนายกเทศมนตรีนครตรัง", "person": "mayor",
                   "choices": ["อนุมัติ", "ไม่อนุมัติ เพราะ"]}],
        "attachments": [{"title": [f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {t(2568)}",
                                   "เทศบาลนครตรัง อำเภอเมืองตรัง จังหวัดตรัง"],
                         "orientation": "landscape",
                         "blocks": [{"type": "table", "table": "measures_plan", "fiscal_year": 2568,
                                     "columns": [{"key": "title"}, {"key": "steps"}, {"key": "units"},
                                                 {"key": "monitoring"}]}]}],
    }


def dossier_d() -> dict:
    return {"format": "itadesk-dossier", "version": 1, "office": office_d(),
            "years": [{"fiscal_year": 2567, "published_total": str(D67), "published_level": "ผ่าน"}],
            "measures": measures_d(), "memos": [plan_d()]}


# ------------------------------------------------------------------ E: office A with a memo full of right-but-tricky wording


def tricky_a() -> dict:
    return {
        "key": "note66", "form": "analysis_report", "fiscal_year": 2566, "date": "2023-10-25",
        "unit": "สำนักปลัดเทศบาล เทศบาลตำบลท่าม่วง",
        "subject": f"สรุปผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {t(2566)} เพื่อจัดทำแผน",
        "to": "นายกเทศมนตรีตำบลท่าม่วง",
        "sections": [{"paragraphs": [
            f"เทศบาลตำบลท่าม่วง เข้าร่วมการประเมินตั้งแต่ปีงบประมาณ พ.ศ. {t(2558)} ผ่านระบบการประเมิน ITAS "
            f"โดยปีงบประมาณ พ.ศ. {t(2566)} ได้ {t(A66)} คะแนน คิดเป็นร้อยละ {t(A66)} ของคะแนนเต็ม "
            f"สูงกว่าคะแนนเฉลี่ยระดับประเทศ {t('87.65')} คะแนน",
            f"แม้คะแนนรวมจะเพิ่มขึ้น แต่คะแนนลดลงในบางตัวชี้วัด จึงตั้งเป้าหมายเพื่อยกระดับให้อยู่ในระดับ AA "
            f"ในปีงบประมาณ พ.ศ. {t(2567)}",
            f"ตัวชี้วัดย่อยที่ {t('9.1')} ข้อมูลพื้นฐาน ได้ {t('95.00')} คะแนน และข้อ O{t(12)} ได้ {t(0)} คะแนน",
            f"ระดับ AA ({t(95)} คะแนนขึ้นไป) เป็นระดับสูงสุด ส่วนแบบสอบถามความพึงพอใจแบ่งเป็น {t(5)} ระดับ",
        ]}],
        "closing": "จึงเรียนมาเพื่อโปรดทราบ",
        "author": {"person": "pim"},
        "chain": [{"heading": "ความเห็นของหัวหน้าสำนักปลัดเทศบาล", "person": "head"},
                  {"heading": "ความเห็นรองปลัดเทศบาล รักษาราชการแทนปลัดเทศบาลตำบลท่าม่วง", "person": "dep",
                   "acting_for": "ปลัดเทศบาลตำบลท่าม่วง"}],
        "attachments": [{"title": [f"แผนพัฒนาท้องถิ่น (พ.ศ. {t(2566)} - {t(2570)}) ที่เกี่ยวข้อง"],
                         "blocks": [{"type": "paragraph",
                                     "text": f"แบบวัด IIT ได้ {t(q(sum(Decimal(A_S66[k]) for k in IIT) / 5))} คะแนน"}]}],
    }


def dossier_e() -> dict:
    d = dossier_a()
    d["office"]["people"].append({"key": "dep", "name": "นายวิชัย ใจงาม", "position": "รองปลัดเทศบาล"})
    d["memos"].append(tricky_a())
    return d


BASES: dict[str, Callable[[], dict]] = {"A": dossier_a, "B": dossier_b, "C": dossier_c, "D": dossier_d,
                                        "E": dossier_e}


def correct_cases() -> list[Case]:
    return [Case(f"ถูกต้อง {k}", f()) for k, f in BASES.items()]


# ------------------------------------------------------------------ mistakes

def _memo(d: dict, key: str) -> dict:
    return next(m for m in d["memos"] if m["key"] == key)


def _sub(d: dict, key: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` once in the memo's paragraphs/attachments (the place must exist)."""
    memo = _memo(d, key)
    for sec in memo.get("sections", []):
        for j, p in enumerate(sec["paragraphs"]):
            if old in p:
                sec["paragraphs"][j] = p.replace(old, new, 1)
                return
    for att in memo.get("attachments", []):
        for j, line in enumerate(att.get("title", [])):
            if old in line:
                att["title"][j] = line.replace(old, new, 1)
                return
        for blk in att.get("blocks", []):
            if old in blk.get("text", ""):
                blk["text"] = blk["text"].replace(old, new, 1)
                return
            for row in blk.get("rows", []):
                for c, cell in enumerate(row):
                    if old in cell:
                        row[c] = cell.replace(old, new, 1)
                        return
            for col in blk.get("columns", []):
                if old in col.get("label", ""):
                    col["label"] = col["label"].replace(old, new, 1)
                    return
    for k in ("subject", "to", "unit", "closing"):
        if old in memo.get(k, ""):
            memo[k] = memo[k].replace(old, new, 1)
            return
    raise AssertionError(f"ไม่พบ “{old}” ในบันทึก {key}")


M: list[tuple[str, str, str, str, Callable[[dict], None]]] = []   # (name, base, family, severity, mutate)


def mistake(name: str, base: str, family: str, severity: str = ""):
    """Register a mistake; ``severity`` is what it deserves: "error" (wrong once published) by
    default, "notice" for spelling and for a variant spelling of a right name."""
    sev = severity or ("notice" if family == "spelling" else "error")

    def deco(fn: Callable[[dict], None]) -> Callable[[dict], None]:
        M.append((name, base, family, sev, fn))
        return fn
    return deco


# numbers ---------------------------------------------------------
mistake("คะแนนรวมสลับหลักทศนิยม", "A", "numbers")(lambda d: _sub(d, "an66", f"คะแนนรวม {t(A66)}", f"คะแนนรวม {t(A66)[:-2]}{t(A66)[-1]}{t(A66)[-2]}"))
mistake("ใส่คะแนนปีก่อนเป็นปีนี้", "A", "numbers")(lambda d: _sub(d, "an66", f"คะแนนรวม {t(A66)}", f"คะแนนรวม {t(A65)}"))
mistake("เขียนคะแนนที่เพิ่มเป็นร้อยละ", "A", "numbers")(lambda d: _sub(d, "an66", f"ร้อยละ {t(pct(A65, A66))}", f"ร้อยละ {t(A66 - A65)}"))
mistake("ร้อยละการเปลี่ยนแปลงผิด", "B", "numbers")(lambda d: _sub(d, "rep68", f"ร้อยละ {t(abs(pct(B67, B68)))}", f"ร้อยละ {t('4.15')}"))
mistake("คะแนนที่ลดลงผิด", "B", "numbers")(lambda d: _sub(d, "rep68", f"ลดลง {t(B67 - B68)} คะแนน", f"ลดลง {t(B67 - B68 + 1)} คะแนน"))
mistake("เขียนเพิ่มขึ้นทั้งที่ลดลง", "B", "numbers")(lambda d: _sub(d, "rep68", "ผ่านดี ลดลงจากปีงบประมาณ", "ผ่านดี เพิ่มขึ้นจากปีงบประมาณ"))
mistake("ระดับในข้อความผิด (AA แทน A)", "A", "numbers")(lambda d: _sub(d, "an66", f"อยู่ในระดับ {level(A66)} ซึ่ง", "อยู่ในระดับ AA ซึ่ง"))
mistake("ใช้ระดับแบบเก่า (A) ในปี ๒๕๖๘", "B", "numbers")(lambda d: _sub(d, "rep68", "อยู่ในระดับผ่านดี ", "อยู่ในระดับ A "))
mistake("ระดับปีก่อนผิด", "C", "numbers")(lambda d: _sub(d, "res67", "อยู่ในระดับ A ", "อยู่ในระดับ AA "))
mistake("เกณฑ์ผ่านผิด", "A", "numbers")(lambda d: _sub(d, "an66", f"({t(85)} คะแนนขึ้นไป)", f"({t(80)} คะแนนขึ้นไป)"))
mistake("เกณฑ์ผ่านผิดในเอกสารแนบ", "B", "numbers")(lambda d: _sub(d, "rep68", f"เกณฑ์ผ่านที่ {t(85)} คะแนน", f"เกณฑ์ผ่านที่ {t(90)} คะแนน"))
mistake("ปีก่อนหน้าผิด", "A", "numbers")(lambda d: _sub(d, "an66", f"เพิ่มขึ้นจากปีงบประมาณ พ.ศ. {t(2565)}", f"เพิ่มขึ้นจากปีงบประมาณ พ.ศ. {t(2564)}"))
@mistake("เรื่องยังเป็นปีเก่า (คัดลอกบันทึกปีก่อน)", "A", "numbers")
def _m0(d: dict) -> None:
    memo = _memo(d, "an66")
    memo["subject"] = memo["subject"].replace(t(2566), t(2565))
mistake("หัวเรื่องเอกสารแนบปีผิด", "A", "numbers")(lambda d: _sub(d, "plan67", f"ภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {t(2567)}", f"ภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {t(2557)}"))


@mistake("ตารางมาตรการเป็นปีของบันทึกแทนปีถัดไป", "A", "numbers")
def _m1(d: dict) -> None:
    _memo(d, "an66")["attachments"][1]["blocks"][0]["fiscal_year"] = 2565


mistake("คะแนนตัวชี้วัดผิด", "A", "numbers")(lambda d: _sub(d, "an66", f"ได้ {t(A_S66[7])} คะแนน", f"ได้ {t('84.01')} คะแนน"))
mistake("คะแนนตัวชี้วัดเป็นของปีก่อน", "A", "numbers")(lambda d: _sub(d, "an66", f"ได้ {t(A_S66[7])} คะแนน", f"ได้ {t(A_S65[7])} คะแนน"))
mistake("จำนวนตัวชี้วัดของ IIT ผิด", "A", "numbers")(lambda d: _sub(d, "an66", f"ใน {t(5)} ตัวชี้วัด", f"ใน {t(4)} ตัวชี้วัด"))
mistake("จำนวนเครื่องมือผิด", "A", "numbers")(lambda d: _sub(d, "an66", f"{t(3)} เครื่องมือ", f"{t(4)} เครื่องมือ"))
mistake("จำนวนระดับคัดลอกจากปีที่ใช้เกรด", "B", "numbers")(lambda d: _sub(d, "rep68", f"ออกเป็น {t(5)} ระดับ", f"ออกเป็น {t(7)} ระดับ"))
mistake("น้ำหนัก IIT ผิด", "A", "numbers")(lambda d: _sub(d, "an66", f"ร้อยละ {t(30)}", f"ร้อยละ {t(40)}"))
mistake("ช่วงคะแนนระดับ A ผิด", "A", "numbers")(lambda d: _sub(d, "an66", f"{t('85.00')} - {t('94.99')}", f"{t('85.00')} - {t('95.00')}"))


@mistake("ระดับที่ประกาศกรอกผิด", "B", "numbers")
def _m2(d: dict) -> None:
    d["years"][1]["published_level"] = "ผ่าน"


@mistake("คะแนนรวมที่ประกาศกรอกผิด", "A", "numbers")
def _m3(d: dict) -> None:
    d["years"][0]["published_total"] = str(A65 + Decimal("0.10"))


mistake("ปีงบประมาณพิมพ์ผิดเป็นปีไกล", "C", "numbers")(lambda d: _sub(d, "res67", f"ประจำปีงบประมาณ พ.ศ. {t(2567)} นั้น", f"ประจำปีงบประมาณ พ.ศ. {t(2576)} นั้น"))


@mistake("ตารางเปรียบเทียบผิดปี", "A", "numbers")
def _m4(d: dict) -> None:
    _memo(d, "an66")["attachments"][0]["blocks"][10]["years"] = [2564, 2565]


mistake("หัวคอลัมน์ปีผิด", "A", "numbers")(
    lambda d: _memo(d, "an66")["attachments"][0]["blocks"][10]["columns"][2].update(label=f"พ.ศ. {t(2567)}"))
mistake("คะแนนปีก่อนในบันทึกมาตรการผิด", "A", "numbers")(lambda d: _sub(d, "plan67", f"ได้คะแนน {t(A66)}", f"ได้คะแนน {t(A66 + 1)}"))

# names -----------------------------------------------------------
mistake("เลขตัวชี้วัดกับชื่อสลับกัน", "A", "names")(lambda d: _sub(d, "an66", f"ตัวชี้วัดที่ {t(7)} ประสิทธิภาพการสื่อสาร", f"ตัวชี้วัดที่ {t(6)} ประสิทธิภาพการสื่อสาร"))
mistake("เลขตัวชี้วัดเกินกรอบ", "A", "names")(lambda d: _sub(d, "an66", f"ตัวชี้วัดที่ {t(1)} การปฏิบัติหน้าที่", f"ตัวชี้วัดที่ {t(11)} การปฏิบัติหน้าที่"))
mistake("ชื่อตัวชี้วัดสะกดผิด", "A", "names")(lambda d: _sub(d, "an66", f"ตัวชี้วัดที่ {t(7)} ประสิทธิภาพการสื่อสาร", f"ตัวชี้วัดที่ {t(7)} ประสิทธิภาพการติดต่อสื่อสาร"))
mistake("ตารางตัวชี้วัดเลขไม่ตรงชื่อ", "A", "names")(
    lambda d: _memo(d, "an66")["attachments"][0]["blocks"][6]["rows"][1].__setitem__(1, NAMES[8]))
mistake("ชื่อเครื่องมือสลับ ภายใน/ภายนอก", "A", "names")(lambda d: _sub(d, "an66", "ผู้มีส่วนได้ส่วนเสียภายใน (IIT)", "ผู้มีส่วนได้ส่วนเสียภายนอก (IIT)"))
mistake("ชื่อเครื่องมือ OIT ผิด", "A", "names")(lambda d: _sub(d, "an66", "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)", "แบบตรวจการประเมินการเปิดเผยข้อมูล (OIT)"))
mistake("เรียกการประเมินว่า ITAS", "B", "names")(lambda d: _sub(d, "rep68", "(Integrity and Transparency Assessment: ITA)", "(Integrity and Transparency Assessment System: ITAS)"))
mistake("ผลการประเมิน ITAS", "C", "names")(lambda d: _sub(d, "res67", "ได้รับผลการประเมิน ITA", "ได้รับผลการประเมิน ITAS"))
mistake("ชื่อการประเมินเติมจริยธรรม", "B", "names")(lambda d: _sub(d, "rep68", "การประเมินคุณธรรมและความโปร่งใส", "การประเมินคุณธรรมจริยธรรมและความโปร่งใส"))
mistake("มาตรฐานแทนมาตรการ", "A", "names")(lambda d: _sub(d, "plan67", "ได้จัดทำมาตรการส่งเสริมคุณธรรม", "ได้จัดทำมาตรฐานส่งเสริมคุณธรรม"))
mistake("ชื่อการประเมิน ทำงาน แทน ดำเนินงาน", "A", "names")(lambda d: _sub(d, "plan67", "ความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ", "ความโปร่งใสในการทำงานของหน่วยงานภาครัฐ"))


@mistake("มาตรการผูกตัวชี้วัดผิด", "A", "names")
def _m5(d: dict) -> None:
    d["measures"][2]["title"] = "มาตรการดูแลการใช้ทรัพย์สินของราชการ"


mistake("ชื่อตัวชี้วัดในวงเล็บสะกดต่าง", "B", "names", "notice")(lambda d: _sub(d, "rep68", "ผ่านเกณฑ์ทุกเครื่องมือ", "ผ่านเกณฑ์ทุกเครื่องมือ แต่ตัวชี้วัดการแก้ปัญหาการทุจริตยังต่ำ"))

# office ----------------------------------------------------------


@mistake("อักษรย่อจังหวัดผิด", "A", "office")
def _o1(d: dict) -> None:
    d["office"]["doc_prefix"] = "กส ๗๒๒๐๑"


@mistake("อักษรย่อจังหวัดไม่มีอยู่จริง", "B", "office")
def _o2(d: dict) -> None:
    d["office"]["doc_prefix"] = "ชอ ๗๘๖๐๑"


mistake("หัวเอกสารแนบเป็นชื่อหน่วยงานอื่น", "A", "office")(lambda d: _sub(d, "an66", "เทศบาลตำบลท่าม่วง อำเภอท่าม่วง", "เทศบาลตำบลท่ามะกา อำเภอท่าม่วง"))
mistake("ย่อหน้าเป็นชื่อหน่วยงานอื่น", "B", "office")(lambda d: _sub(d, "rep68", "ซึ่งองค์การบริหารส่วนตำบลบ้านเป้า", "ซึ่งองค์การบริหารส่วนตำบลแม่หอพระ"))


@mistake("ผลลัพธ์มาตรการคัดลอกจากหน่วยงานอื่น", "C", "office")
def _o3(d: dict) -> None:
    d["measures"][0]["steps"][1]["output"] = "สรุปผลครบทุกเดือน ตามแนวทางของเทศบาลเมืองมหาสารคาม"


mistake("อำเภอผิด", "B", "office")(lambda d: _sub(d, "rep68", "อำเภอแม่แตง จังหวัดเชียงใหม่", "อำเภอแม่ริม จังหวัดเชียงใหม่"))
mistake("จังหวัดผิด", "A", "office")(lambda d: _sub(d, "an66", "จังหวัดกาญจนบุรี", "จังหวัดราชบุรี"))


@mistake("เรียนนายกผิดประเภทหน่วยงาน", "A", "office")
def _o4(d: dict) -> None:
    _memo(d, "an66")["to"] = "นายกองค์การบริหารส่วนตำบลท่าม่วง"


@mistake("เรียนนายกของหน่วยงานอื่น", "C", "office")
def _o5(d: dict) -> None:
    _memo(d, "res67")["to"] = "นายกเทศมนตรีเมืองร้อยเอ็ด"


# people ----------------------------------------------------------


@mistake("กองที่ไม่มีในหน่วยงาน", "A", "people")
def _p1(d: dict) -> None:
    d["measures"][0]["units"] = ["กองสาธารณสุขและสิ่งแวดล้อม"]


@mistake("ชื่อกองสะกดต่าง", "C", "people", "notice")
def _p2(d: dict) -> None:
    d["measures"][1]["steps"][0]["units"] = ["กองยุทธศาสตร์และงบประมาน"]


@mistake("มาตรการที่พิมพ์ไม่มีผู้รับผิดชอบ", "A", "people")
def _p3(d: dict) -> None:
    d["measures"][1]["units"] = []


@mistake("ผู้ลงความเห็นไม่มีในรายชื่อ", "B", "people")
def _p4(d: dict) -> None:
    _memo(d, "rep68")["chain"][0]["person"] = "deputy"


@mistake("หัวข้อความเห็นไม่ตรงกับผู้ลงนาม", "A", "people")
def _p5(d: dict) -> None:
    _memo(d, "an66")["chain"][0]["person"] = "mayor"


@mistake("ไม่มีผู้เสนอ", "C", "people")
def _p6(d: dict) -> None:
    del _memo(d, "res67")["author"]


mistake("ชื่อบุคคลสะกดผิดในข้อความ", "A", "people", "notice")(lambda d: _sub(d, "an66", "และแจ้งทุกส่วนราชการทราบ", "และแจ้งให้นายสมศักดิ์ บุญมาก ทราบ"))


@mistake("ตำแหน่งในหัวข้อความเห็นสะกดผิด", "C", "people", "notice")
def _p7(d: dict) -> None:
    _memo(d, "res67")["chain"][0]["heading"] = "ความเห็นของผู้อำนวยการกองยุทธศาสตร์และงบประมาน"


# dates -----------------------------------------------------------


@mistake("ลงวันที่ล่วงหน้า", "B", "dates")
def _d1(d: dict) -> None:
    _memo(d, "rep68")["date"] = "2026-10-08"


@mistake("ลงวันที่ก่อนเริ่มปีงบประมาณ", "C", "dates")
def _d2(d: dict) -> None:
    _memo(d, "res67")["date"] = "2023-09-21"


@mistake("บันทึกแผนลงวันที่ก่อนประกาศผลปีก่อน", "A", "dates")
def _d3(d: dict) -> None:
    _memo(d, "plan67")["date"] = "2023-03-06"


@mistake("ระยะเวลามาตรการนอกปีงบประมาณ", "A", "dates")
def _d4(d: dict) -> None:
    d["measures"][0]["period"] = {"from": "2023-09", "to": "2024-09"}


@mistake("ระยะเวลาขั้นตอนเกินปีงบประมาณ", "B", "dates")
def _d5(d: dict) -> None:
    d["measures"][0]["steps"][1]["period"] = {"from": "2026-08", "to": "2026-11"}


@mistake("ข้อความระยะเวลาเป็นปีเก่า", "C", "dates")
def _d6(d: dict) -> None:
    d["measures"][0]["steps"][0]["period"]["text"] = "ต.ค. ๖๕ - ธ.ค. ๖๕"


@mistake("บันทึกมาตรการของปีที่ไม่มีมาตรการ", "A", "dates")
def _d7(d: dict) -> None:
    memo = _memo(d, "plan67")
    memo["attachments"][0]["blocks"][0]["fiscal_year"] = 2568
    memo["attachments"][0]["title"][0] = f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {t(2567)}"


@mistake("ตารางวิเคราะห์รายตัวชี้วัดว่าง", "B", "dates")
def _d8(d: dict) -> None:
    _memo(d, "rep68")["attachments"][0]["blocks"].append({"type": "table", "table": "indicator_analysis",
                                                          "fiscal_year": 2568})


@mistake("มาตรการที่พิมพ์ไม่มีระยะเวลา", "A", "dates")
def _d9(d: dict) -> None:
    del d["measures"][2]["period"]


# spelling --------------------------------------------------------
mistake("ประเมิณ", "A", "spelling")(lambda d: _sub(d, "an66", "ได้ประเมินคุณธรรม", "ได้ประเมิณคุณธรรม"))
mistake("ปฎิบัติ", "B", "spelling")(lambda d: _sub(d, "rep68", "ได้จัดทำมาตรการ", "ได้จัดทำแนวปฎิบัติและมาตรการ"))
mistake("คำซ้ำ ประชุมประชุม", "C", "spelling")(lambda d: _sub(d, "res67", "ได้ติดตามผล", "ได้ประชุมประชุมติดตามผล"))
mistake("คำซ้ำ ทราบทราบ", "A", "spelling")(lambda d: _sub(d, "an66", "ส่วนราชการทราบ", "ส่วนราชการทราบทราบ"))
mistake("คำที่ไม่มีในพจนานุกรม", "B", "spelling")(lambda d: _sub(d, "rep68", "รายละเอียดตามเอกสารแนบ", "รายละเอียดตามเอกสารแนบท้ายยุทธศาตร์"))
mistake("จึงประกาศมา", "C", "spelling")(lambda d: _memo(d, "res67").update(closing="จึงประกาศมาเพื่อโปรดทราบและพิจารณา"))
mistake("คำซ้ำข้ามช่องว่าง", "A", "spelling")(
    lambda d: _sub(d, "plan67", "รายละเอียดตามเอกสาร", "รายละเอียดตาม รายละเอียดตามเอกสาร"))
mistake("โปร่งไส", "B", "spelling")(lambda d: _sub(d, "rep68", "ผ่านเกณฑ์ทุกเครื่องมือ", "ผ่านเกณฑ์ทุกเครื่องมือ อย่างโปร่งไส"))


mistake("ตารางที่พิมพ์เองใส่คะแนนสลับปี", "A", "numbers")(
    lambda d: _memo(d, "an66")["attachments"][0]["blocks"][7]["rows"][0].__setitem__(2, t(A65)))
mistake("ตารางที่พิมพ์เองคะแนนตัวชี้วัดผิด", "A", "numbers")(
    lambda d: _memo(d, "an66")["attachments"][0]["blocks"][7]["rows"][1].__setitem__(2, t("48.10")))


# more numbers: ranks and tool scores
mistake("ตัวชี้วัดที่ต่ำที่สุดผิดตัว", "A", "numbers")(
    lambda d: _sub(d, "an66", f"ตัวชี้วัดที่ {t(7)} ประสิทธิภาพการสื่อสาร ได้คะแนนต่ำที่สุด",
                   f"ตัวชี้วัดที่ {t(8)} การปรับปรุงระบบการทำงาน ได้คะแนนต่ำที่สุด"))
mistake("ตัวชี้วัดที่สูงที่สุดผิดตัว", "A", "numbers")(
    lambda d: _sub(d, "an66", f"ตัวชี้วัดที่ {t(1)} การปฏิบัติหน้าที่ ได้คะแนนสูงที่สุด",
                   f"ตัวชี้วัดที่ {t(3)} การใช้อำนาจ ได้คะแนนสูงที่สุด"))
mistake("คะแนนเครื่องมือผิด", "B", "numbers")(
    lambda d: _sub(d, "rep68", f"OIT ได้ {t(B68_OIT)} คะแนน", f"OIT ได้ {t(B68_OIT - Decimal('1.25'))} คะแนน"))
mistake("ระดับของคะแนนที่ประกาศอย่างเดียวผิด", "D", "numbers")(
    lambda d: _sub(d, "plan68", "อยู่ในระดับผ่าน ", "อยู่ในระดับต้องปรับปรุง "))
mistake("คะแนนปีก่อนในบันทึกแผนสลับหลัก", "D", "numbers")(
    lambda d: _sub(d, "plan68", f"ได้ {t(D67)} คะแนน", f"ได้ {t('87.24')} คะแนน"))
mistake("คัดลอกชื่อหน่วยงานอื่นในบันทึกแผน", "D", "office")(
    lambda d: _sub(d, "plan68", "ตามที่ เทศบาลนครตรัง", "ตามที่ เทศบาลนครหาดใหญ่"))
mistake("จังหวัดผิดในหัวเอกสารแนบ", "D", "office")(
    lambda d: _sub(d, "plan68", "อำเภอเมืองตรัง จังหวัดตรัง", "อำเภอเมืองตรัง จังหวัดพัทลุง"))


@mistake("เรียนนายกเทศมนตรีตำบลในเทศบาลนคร", "D", "office")
def _o6(d: dict) -> None:
    _memo(d, "plan68")["to"] = "นายกเทศมนตรีตำบลตรัง"


@mistake("ผู้รับผิดชอบเป็นกองของ อบต.", "D", "people")
def _p8(d: dict) -> None:
    d["measures"][0]["units"] = ["กองคลัง"]


mistake("คะแนนรายข้อผิด", "B", "numbers")(
    lambda d: _sub(d, "rep68", f"(i{t(2)} : {t('88.40')} คะแนน)", f"(i{t(2)} : {t('84.40')} คะแนน)"))


@mistake("ผลการดำเนินงานสองมาตรการซ้ำกันทุกตัวอักษร", "A", "spelling")
def _s2(d: dict) -> None:
    d["measures"][1]["output"] = d["measures"][0]["output"]


# mistakes no rule sees yet (kept in the set so that the recall printed is honest)
mistake("ปีในเรื่องเดิมคลาดหนึ่งปี", "A", "numbers")(
    lambda d: _sub(d, "an66", f"(ITA) ประจำปีงบประมาณ พ.ศ. {t(2566)} และประกาศ", f"(ITA) ประจำปีงบประมาณ พ.ศ. {t(2565)} และประกาศ"))
mistake("คำสองคำติดกันผิด (เปิดเผยแพร่)", "D", "spelling")(
    lambda d: _sub(d, "plan68", "โดยจะเผยแพร่บนเว็บไซต์", "โดยจะเปิดเผยแพร่บนเว็บไซต์"))
mistake("คำหายไปหนึ่งคำ (ผู้บังคับทราบ)", "C", "spelling")(
    lambda d: _sub(d, "res67", "ได้ติดตามผลการดำเนินการ", "ได้รายงานให้ผู้บังคับทราบและติดตามผลการดำเนินการ"))
mistake("อำเภอผิดโดยไม่มีจังหวัดตามหลัง", "B", "office")(
    lambda d: _sub(d, "rep68", "ตามที่ องค์การบริหารส่วนตำบลบ้านเป้า", "ตามที่ องค์การบริหารส่วนตำบลบ้านเป้า อำเภอแม่ริม"))


def mistake_cases() -> list[Case]:
    out = []
    for name, base, family, sev, fn in M:
        d = copy.deepcopy(BASES[base]())
        fn(d)
        out.append(Case(name, d, family, sev))
    return out
