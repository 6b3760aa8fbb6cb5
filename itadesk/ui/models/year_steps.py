"""The year's work as steps: คะแนน → วิเคราะห์ → มาตรการ → บันทึกข้อความ → พิมพ์/ส่งออก.

``year_steps(dossier, year)`` reads the office's dossier (plain data, no Qt, no database) and
says for each step whether it is done or needs attention, and why, in Thai.  ``year`` is the
assessment year on screen; the measures are those of the next year (as the มาตรการ tab shows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

DONE, TODO, WAIT = "done", "todo", "wait"      # done / needs attention / not yet (an earlier step first)


@dataclass(frozen=True)
class Step:
    key: str           # the tab it goes to: scores, analysis, measures, memos, print
    title: str
    state: str         # DONE | TODO | WAIT
    reason: str        # Thai: what is done, or what to do next


TITLES = (("scores", "คะแนน"), ("analysis", "วิเคราะห์"), ("measures", "มาตรการ"),
          ("memos", "บันทึกข้อความ"), ("print", "พิมพ์/ส่งออก"))


def _indicator_count(year: int) -> int | None:
    from ...domain.errors import FrameworkError
    from ...domain.frameworks import framework_for

    try:
        return len(framework_for(year).indicators)
    except FrameworkError:      # no framework file for that year: count what was typed
        return None


def year_steps(dossier: Mapping[str, Any], year: int, *,
               indicator_count: Callable[[int], int | None] = _indicator_count,
               memo_year_offset: Callable[[str | None], int] = lambda _k: 0,
               memo_problems: Callable[[str], int] | None = None,
               delivered: Callable[[str], bool] | None = None) -> list[Step]:
    """``delivered(memo_key)``: the memo was printed or exported since it was last changed."""
    years = {int(y["fiscal_year"]): y for y in dossier.get("years") or []}
    y = years.get(year, {})
    typed = len(y.get("indicators") or {})
    need = indicator_count(year) or typed
    steps: list[Step] = []

    # 1. scores
    if typed == 0 and not y.get("published_total"):
        steps.append(Step("scores", "คะแนน", TODO, f"ยังไม่มีคะแนนปี {year}: กรอกหรือนำเข้าคะแนนตัวชี้วัด"))
    elif need and typed < need:
        steps.append(Step("scores", "คะแนน", TODO, f"กรอกคะแนนปี {year} แล้ว {typed} จาก {need} ตัวชี้วัด"))
    elif not (years.get(year - 1, {}).get("indicators") or years.get(year - 1, {}).get("published_total")):
        steps.append(Step("scores", "คะแนน", TODO,
                          f"คะแนนปี {year} ครบแล้ว แต่ยังไม่มีคะแนนปี {year - 1} ไว้เปรียบเทียบ"))
    else:
        steps.append(Step("scores", "คะแนน", DONE, f"คะแนนปี {year} และ {year - 1} ครบแล้ว"))
    have_scores = typed > 0

    # 2. analysis
    notes = y.get("analysis") or []
    if not have_scores:
        steps.append(Step("analysis", "วิเคราะห์", WAIT, "กรอกคะแนนก่อน จึงวิเคราะห์ได้"))
    elif not notes:
        steps.append(Step("analysis", "วิเคราะห์", TODO, f"ยังไม่ได้ร่างการวิเคราะห์ปี {year}: กดร่างการวิเคราะห์"))
    elif len(notes) < typed:
        steps.append(Step("analysis", "วิเคราะห์", TODO,
                          f"วิเคราะห์แล้ว {len(notes)} จาก {typed} ตัวชี้วัด"))
    else:
        steps.append(Step("analysis", "วิเคราะห์", DONE, f"วิเคราะห์ครบ {len(notes)} ตัวชี้วัดแล้ว"))

    # 3. measures of the next year
    nxt = year + 1
    ms = [m for m in dossier.get("measures") or [] if int(m.get("fiscal_year") or 0) == nxt]
    if ms:
        no_steps = sum(1 for m in ms if not (m.get("steps") or []))
        if no_steps:
            steps.append(Step("measures", "มาตรการ", TODO,
                              f"มาตรการปี {nxt} มี {len(ms)} ข้อ แต่ {no_steps} ข้อยังไม่มีขั้นตอนการดำเนินการ"))
        else:
            steps.append(Step("measures", "มาตรการ", DONE, f"มีมาตรการปี {nxt} แล้ว {len(ms)} ข้อ"))
    elif not notes:
        steps.append(Step("measures", "มาตรการ", WAIT, f"วิเคราะห์ปี {year} ก่อน แล้วเสนอมาตรการปี {nxt}"))
    else:
        steps.append(Step("measures", "มาตรการ", TODO, f"ยังไม่มีมาตรการปี {nxt}: กดเสนอจากจุดอ่อน"))

    # 4. memos about this year
    memos = [m for m in dossier.get("memos") or []
             if int(m.get("fiscal_year") or 0) - memo_year_offset(m.get("form")) == year]
    if memos:
        steps.append(Step("memos", "บันทึกข้อความ", DONE, f"มีบันทึกข้อความ {len(memos)} ฉบับ"))
    else:
        steps.append(Step("memos", "บันทึกข้อความ", TODO if have_scores else WAIT,
                          "ยังไม่มีบันทึกข้อความ: กดสร้างใหม่แล้วเลือกแบบฟอร์ม"))

    # 5. print / export: the check before print finds nothing to fix
    if not memos:
        steps.append(Step("print", "พิมพ์/ส่งออก", WAIT, "สร้างบันทึกข้อความก่อน"))
    else:
        bad = {str(m.get("key")): memo_problems(str(m.get("key"))) if memo_problems else 0 for m in memos}
        n = sum(1 for v in bad.values() if v)
        waiting = [m for m in memos if delivered is not None and not delivered(str(m.get("key")))]
        if n:
            steps.append(Step("print", "พิมพ์/ส่งออก", TODO,
                              f"บันทึก {n} ฉบับมีข้อที่ต้องแก้ก่อนพิมพ์ (กด F7 ตรวจความถูกต้อง)"))
        elif waiting:
            steps.append(Step("print", "พิมพ์/ส่งออก", TODO,
                              f"ตรวจแล้วพร้อมพิมพ์ ยังไม่ได้พิมพ์หรือส่งออก {len(waiting)} ฉบับ"))
        else:
            steps.append(Step("print", "พิมพ์/ส่งออก", DONE, "พิมพ์หรือส่งออกบันทึกข้อความครบแล้ว"
                              if delivered is not None else "ตรวจแล้วพร้อมพิมพ์หรือส่งออกเป็น PDF"))
    return steps


def next_step(steps: list[Step]) -> Step | None:
    return next((s for s in steps if s.state != DONE), None)


def memo_error_counter(dossier: Mapping[str, Any], today: dt.date | None = None) -> Callable[[str], int]:
    """Errors (not warnings) the check before print finds in one memo, by memo key."""
    from ...domain.checks import ERROR, check_dossier

    findings = check_dossier(dossier, today=today or dt.date.today())
    by_memo: dict[str, int] = {}
    for f in findings:
        head = f.where.split(".", 1)[0]
        if f.severity == ERROR and head.startswith("memos["):
            key = head[len("memos["):-1]
            by_memo[key] = by_memo.get(key, 0) + 1
    return lambda key: by_memo.get(key, 0)
