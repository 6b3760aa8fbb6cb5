"""A small hand-made dossier for the rule tests (no example files).  Its 2565 scores and the
published 88.30 / A are seed 001's signed memo (shared/seeds/001); 2564's 85.56 / A likewise."""

from __future__ import annotations

import copy
import datetime as dt

from itadesk.domain.checks import check_dossier

TODAY = dt.date(2023, 1, 10)
# a 1×1 PNG standing for the office's Garuda (an office without one gets the no_emblem notice)
EMBLEM = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
S2565 = {"1": "96.54", "2": "93.28", "3": "96.07", "4": "94.65", "5": "85.14", "6": "79.79",
         "7": "72.04", "8": "73.20", "9": "89.29", "10": "100"}
S2564 = {"1": "88.73", "2": "74.98", "3": "79.43", "4": "75.15", "5": "74.57", "6": "84.90", "7": "84.58",
         "8": "81.62", "9": "90.64", "10": "93.75"}


def base() -> dict:
    return copy.deepcopy({
        "format": "itadesk-dossier", "version": 1,
        "office": {
            "name": "เทศบาลตำบลโนนทอง", "kind": "เทศบาลตำบล", "amphoe": "นายูง", "province": "อุดรธานี",
            "doc_prefix": "อด ๘๑๘๐๑", "emblem_png_base64": EMBLEM,
            "units": ["สำนักปลัดเทศบาล", "กองคลัง", "กองช่าง"],
            "people": [{"key": "author", "name": "นายอนุวัฒน์ หาญบุรุษ", "position": "ผู้ช่วยนักวิเคราะห์นโยบายและแผน"},
                       {"key": "mayor", "name": "นายชัยยา ภูมิเขต", "position": "นายกเทศมนตรีตำบลโนนทอง"}],
        },
        "years": [{"fiscal_year": 2564, "indicators": dict(S2564), "published_total": "85.56", "published_level": "A"},
                  {"fiscal_year": 2565, "indicators": dict(S2565), "published_total": "88.30", "published_level": "A",
                   "analysis": [{"indicator": 7, "category": "improve", "text": "ต้องพัฒนา"}]}],
        "measures": [{"key": "m1", "fiscal_year": 2566, "indicators": [7],
                      "title": "มาตรการเพิ่มประสิทธิภาพการสื่อสาร",
                      "steps": [{"text": "จัดทำสื่อประชาสัมพันธ์"}], "units": ["สำนักปลัดเทศบาล"],
                      "period": {"from": "2023-01", "to": "2023-09"}, "status": "planned"}],
        "memos": [{
            "key": "memo1", "form": "analysis_report", "fiscal_year": 2565, "date": "2022-11-02",
            "subject": "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบลโนนทอง "
                       "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
            "to": "นายกเทศมนตรีตำบลโนนทอง",
            "sections": [
                {"title": "๑. เรื่องเดิม", "paragraphs": [
                    "ตามที่ สำนักงาน ป.ป.ช. ได้ประกาศผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
                    "(ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ ผ่านระบบ ITAS แล้ว นั้น"]},
                {"title": "๒. ข้อเท็จจริง", "paragraphs": [
                    "เทศบาลตำบลโนนทอง ได้คะแนนรวม ๘๘.๓๐ คะแนน อยู่ในระดับ A ซึ่งเพิ่มขึ้นจากปีงบประมาณ พ.ศ. ๒๕๖๔ "
                    "ที่ได้ ๘๕.๕๖ คะแนน โดยเพิ่มขึ้น ๒.๗๔ คะแนน คิดเป็นร้อยละ ๓.๒๐"]}],
            "closing": "จึงเรียนมาเพื่อโปรดทราบ และพิจารณาดำเนินการ ต่อไป",
            "author": {"person": "author"},
            "chain": [{"heading": "ความเห็นนายกเทศมนตรีตำบลโนนทอง", "person": "mayor",
                       "choices": ["เห็นชอบ", "ไม่เห็นชอบ เพราะ"]}],
            "attachments": [
                {"title": ["รายงานการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๕"],
                 "blocks": [{"type": "paragraph", "text": "การประเมินมีเครื่องมือ ๓ เครื่องมือ"},
                            {"type": "table", "table": "score_comparison", "years": [2564, 2565]},
                            {"type": "table", "table": "indicator_analysis", "fiscal_year": 2565}]},
                {"title": ["มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
                           "เทศบาลตำบลโนนทอง อำเภอนายูง จังหวัดอุดรธานี"],
                 "blocks": [{"type": "table", "table": "measures_plan", "fiscal_year": 2566}]},
            ],
        }],
    })


def run(d: dict, **kw) -> list:
    return check_dossier(d, today=kw.pop("today", TODAY), **kw)


def codes(findings, severity: str | None = None) -> list[str]:
    return sorted({f.code for f in findings if severity is None or f.severity == severity})


def para(d: dict, i: int = 1, j: int = 0) -> str:
    return d["memos"][0]["sections"][i]["paragraphs"][j]


def set_para(d: dict, text: str, i: int = 1, j: int = 0) -> None:
    d["memos"][0]["sections"][i]["paragraphs"][j] = text
