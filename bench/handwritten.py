"""The whole rule catalogue written by hand in plain Python: the benchmark's yardstick.

Each function is what a careful engineer would write for one rule without the DSL: dictionary
lookups on a validated submission (so fields the schema requires are simply read), exact
``Decimal`` arithmetic in the same 60-digit context, and the same answer for missing data -
``("indeterminate", missing fields)`` whenever the absent value could change the outcome, with
Kleene logic where a rule combines conditions. Validity dates and regional scope are checked
here too, as the engine does. ``bench/run.py`` verifies that every rule id of the corpus has a
function here and that all statuses and missing-field sets equal the engine's.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from vardval.dsl.runtime import CTX
from vardval.dsl.values import Quarter, Unknown

Status = tuple[str, frozenset[str] | None]
Params = Callable[[str], Any]
Rule = Callable[[dict[str, Any], Quarter, Params], Status]

PASS: Status = ("pass", None)
FAIL: Status = ("fail", None)
NA: Status = ("not_applicable", None)
EMPTY: dict[str, Any] = {}
NOTHING: frozenset[str] = frozenset()
D2011, D2017_04, D2013_06 = dt.date(2011, 1, 1), dt.date(2017, 4, 1), dt.date(2013, 6, 1)
D2019, D2019_07, D2022_07 = dt.date(2019, 1, 1), dt.date(2019, 7, 1), dt.date(2022, 7, 1)
D2023_END, D2024 = dt.date(2023, 12, 31), dt.date(2024, 1, 1)
ALLOWED_GROUNDS = ("patient_safety", "work_environment", "low_accessibility")


def unknown(*missing: str) -> Status:
    return ("indeterminate", frozenset(missing))


def share_at_least(part: Any, whole: Any, target: Any) -> bool:
    return CTX.divide(Decimal(part), Decimal(whole)) >= target


def minus(day: dt.date, duration: Any) -> dt.date:
    """``day`` moved back by a duration: months first (clamped to the month's end), then days."""
    index = day.year * 12 + day.month - 1 - duration.months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last)) - dt.timedelta(days=duration.days)


def both(left: bool | frozenset[str], right: bool | frozenset[str]) -> Status:
    """Kleene ``and`` of two outcomes (a frozenset is unknown, naming the missing fields)."""
    if left is False or right is False:
        return FAIL
    if left is True and right is True:
        return PASS
    gaps = [side for side in (left, right) if side is not True]
    return ("indeterminate", frozenset().union(*gaps))


# --- national.datakvalitet --------------------------------------------------------------------

def dq_kontakt(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    c = d["accessibility"]["contacts"]
    total = c["total"]
    if not c["same_day"] <= total:
        return FAIL
    listed_total = c.get("listed_total")
    if "listed_same_day" in c and listed_total is not None and \
            not c["listed_same_day"] <= listed_total:
        return FAIL
    if listed_total is not None and not listed_total <= total:
        return FAIL
    return PASS


def dq_bedomning(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    a = d["accessibility"].get("assessments")
    if a is None:
        return NA
    total = a["total"]
    if not a["within_3_days"] <= total:
        return FAIL
    listed_total = a.get("listed_total")
    if "listed_within_3_days" in a and listed_total is not None and \
            not a["listed_within_3_days"] <= listed_total:
        return FAIL
    if listed_total is not None and not listed_total <= total:
        return FAIL
    return PASS


# --- national.kontinuitet ---------------------------------------------------------------------

def flk_andel(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if not D2022_07 <= q.start <= D2023_END:
        return NA
    listed = d["listing"]["listed_at_period_end"]
    if not listed > 0:
        return NA
    named = d.get("continuity", EMPTY).get("listed_with_named_doctor")
    if named is None:
        return unknown("continuity.listed_with_named_doctor")
    target = p("flk.malniva")
    if type(target) is Unknown:
        return unknown()
    return PASS if share_at_least(named, listed, target) else FAIL


# --- national.listning ------------------------------------------------------------------------

def list_tak_beslut(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    cap = d["listing"].get("cap")
    if q.start < D2022_07 or cap is None:
        return NA
    decided = cap.get("decided_on")
    return PASS if decided is not None and decided <= cap["valid_from"] else FAIL


def list_byten(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    relistings = d["listing"].get("relistings")
    if q.start < D2022_07 or relistings is None:
        return NA
    same = relistings["over_limit_with_special_reason"] == relistings["over_limit"]
    return PASS if same else FAIL


# --- national.patientsakerhet -----------------------------------------------------------------

def ps_lex_maria(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if q.start < D2011:
        return NA
    quality = d.get("quality", EMPTY)
    serious = quality.get("serious_events")
    if serious is None:
        return unknown("quality.serious_events")
    if not serious > 0:
        return NA
    reports = quality.get("lex_maria_reports")
    if reports is None:
        return unknown("quality.lex_maria_reports")
    return PASS if reports >= serious else FAIL


def ps_lex_maria_utredning(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if q.start < D2013_06:
        return NA
    quality = d.get("quality", EMPTY)
    reports = quality.get("lex_maria_reports")
    if reports is None:
        return unknown("quality.lex_maria_reports")
    if not reports > 0:
        return NA
    submitted = quality.get("lex_maria_investigations_submitted")
    if submitted is None:
        return unknown("quality.lex_maria_investigations_submitted")
    return PASS if submitted >= reports else FAIL


def ps_berattelse(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if q.start < D2011:
        return NA
    day = d.get("quality", EMPTY).get("patient_safety_report_date")
    if day is None:
        return unknown("quality.patient_safety_report_date")
    return PASS if dt.date(q.year, 1, 1) <= day <= dt.date(q.year, 3, 1) else FAIL


# --- national.vardgaranti ---------------------------------------------------------------------

def _guarantee(section: dict[str, Any] | None, name: str, keys: tuple[str, str],
               target: Any) -> Status:
    total_key, done_key = keys
    total = section.get(total_key) if section is not None else None
    if total is None:
        return unknown(f"accessibility.{name}.{total_key}")
    if not total > 0:
        return NA
    done = section.get(done_key)  # type: ignore[union-attr]
    if done is None:
        return unknown(f"accessibility.{name}.{done_key}")
    if type(target) is Unknown:
        return unknown()
    return PASS if share_at_least(done, total, target) else FAIL


def vg_kontakt(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if q.start < D2017_04:
        return NA
    keys = ("listed_total", "listed_same_day") if q.start >= D2022_07 else ("total", "same_day")
    return _guarantee(d["accessibility"]["contacts"], "contacts", keys,
                      p("vardgaranti.kontakt.malniva"))


def vg_bedomning(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if q.start < D2019:
        return NA
    prefix = "listed_" if q.start >= D2022_07 else ""
    total_key, done_key = f"{prefix}total", f"{prefix}within_3_days"
    a = d["accessibility"].get("assessments") or EMPTY
    total = a.get(total_key)
    if total is None:
        return unknown(f"accessibility.assessments.{total_key}")
    # Patient-chosen waits leave the denominator; absent counts as 0.
    due = total - a.get(f"{prefix}patient_chosen_wait", 0)
    if not due > 0:
        return NA
    done = a.get(done_key)
    if done is None:
        return unknown(f"accessibility.assessments.{done_key}")
    target = p("vardgaranti.bedomning.malniva")
    if type(target) is Unknown:
        return unknown()
    return PASS if share_at_least(done, due, target) else FAIL


def vg_lakarbesok(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if q.start >= D2019:
        return NA
    return _guarantee(d["accessibility"].get("doctor_visits"), "doctor_visits",
                      ("total", "within_7_days"), p("vardgaranti.lakarbesok.malniva"))


# --- national.verksamhet ----------------------------------------------------------------------

def vc_verksamhetschef(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if q.start < D2017_04:
        return NA
    head = d["clinic"].get("head_of_unit")
    return PASS if head is not None and head.strip() else FAIL


# --- kronoberg --------------------------------------------------------------------------------

def kro_moms(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    finance = d.get("finance", EMPTY)
    claimed = finance.get("vat_compensation_sek")
    if d["clinic"]["operator"] != "private" or claimed is None:
        return NA
    percent = finance.get("vat_extra_approved_percent")
    extra = CTX.divide(Decimal(percent), Decimal(100)) if percent is not None else 0
    base, ceiling = p("kronoberg.moms.bas"), p("kronoberg.moms.tak")
    within: bool | frozenset[str] = NOTHING
    if type(base) is not Unknown and type(ceiling) is not Unknown:
        within = extra <= CTX.subtract(ceiling, base)
    if within is False:
        return FAIL
    reimbursed = finance.get("reimbursement_sek")
    allowed: bool | frozenset[str] = NOTHING
    if reimbursed is None:
        allowed = frozenset({"finance.reimbursement_sek"})
    elif type(base) is not Unknown:
        allowed = claimed <= CTX.multiply(reimbursed, CTX.add(base, extra))
    return both(within, allowed)


def _cap(d: dict[str, Any], q: Quarter) -> dict[str, Any] | None:
    return d["listing"].get("cap") if q.start >= D2024 else None


def kro_tak_frist(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    cap = _cap(d, q)
    if cap is None:
        return NA
    notice = p("kronoberg.listningstak.framforhallning")
    if type(notice) is Unknown:
        return unknown()
    return PASS if cap["applied_on"] <= minus(cap["valid_from"], notice) else FAIL


def kro_tak_underlag(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    cap = _cap(d, q)
    if cap is None:
        return NA
    ok = cap["work_environment_analysis"] and cap["patient_safety_analysis"] and cap["grounds"]
    return PASS if ok else FAIL


def kro_tak_skal(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    cap = _cap(d, q)
    if cap is None:
        return NA
    grounds = cap["grounds"]
    return PASS if grounds and all(g in ALLOWED_GROUNDS for g in grounds) else FAIL


def kro_tak_grans(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    cap = _cap(d, q)
    if cap is None:
        return NA
    valid_to = cap.get("valid_to")
    if valid_to is not None and valid_to < q.start:
        return NA  # the cap ended before the period
    passive = cap.get("passive_listings_since_valid_from")
    if passive is None:
        if not q.start <= cap["valid_from"] <= q.end:
            return unknown("listing.cap.passive_listings_since_valid_from")
        passive = cap["passive_listings"]  # a cap that began this quarter: only its own
    limit = cap["max_listed"] + passive
    return PASS if d["listing"]["listed_at_period_end"] <= limit else FAIL


def _cap_zero(field: str) -> Rule:
    def rule(d: dict[str, Any], q: Quarter, p: Params) -> Status:
        cap = _cap(d, q)
        if cap is None:
            return NA
        return PASS if cap[field] == 0 else FAIL
    return rule


def kro_tak_information(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    cap = _cap(d, q)
    if cap is None:
        return NA
    return PASS if cap["residents_informed"] else FAIL


def kro_tak_omprovning(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    cap = _cap(d, q)
    if cap is None or "decided_on" not in cap:
        return NA
    latest = max(cap["decided_on"], cap.get("last_reviewed_on", cap["decided_on"]))
    period = p("kronoberg.listningstak.omprovning")
    if type(period) is Unknown:
        return unknown()
    return PASS if latest >= minus(q.end, period) else FAIL


def kro_vardformer(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if q.start < D2024:
        return NA
    offering = d["care_offering"]
    return PASS if offering["physical"] and offering["digital"] else FAIL


def kro_synergi(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if q.start < D2024:
        return NA
    system = d.get("quality", EMPTY).get("deviation_system")
    if system is None:
        return unknown("quality.deviation_system")
    return PASS if system.strip().casefold() == "synergi" else FAIL


def kro_kvalitetsregister(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if q.start < D2024:
        return NA
    registers = d.get("quality", EMPTY).get("quality_registers")
    if registers is None:
        return unknown("quality.quality_registers")
    return PASS if len(registers) >= 1 else FAIL


def _declared(section: str, field: str, since: dt.date | None = None) -> Rule:
    path = f"{section}.{field}"

    def rule(d: dict[str, Any], q: Quarter, p: Params) -> Status:
        if since is not None and q.start < since:
            return NA
        value = d.get(section, EMPTY).get(field)
        if value is None:
            return unknown(path)
        return PASS if value else FAIL
    return rule


# --- skane, vastra-gotaland -------------------------------------------------------------------

def _phone(field: str, level: str) -> Rule:
    def rule(d: dict[str, Any], q: Quarter, p: Params) -> Status:
        phone = d["accessibility"].get("phone", EMPTY)
        calls = phone.get("calls")
        if calls is None:
            return unknown("accessibility.phone.calls")
        if not calls > 0:
            return NA
        answered = phone.get(field)
        if answered is None:
            return unknown(f"accessibility.phone.{field}")
        target = p(level)
        if type(target) is Unknown:
            return unknown()
        return PASS if share_at_least(answered, calls, target) else FAIL
    return rule


def vgr_vantetidsdata(d: dict[str, Any], q: Quarter, p: Params) -> Status:
    if q.start < D2019_07:
        return NA
    months = d["accessibility"].get("months_reported")
    if months is None:
        return unknown("accessibility.months_reported")
    return PASS if months == 3 else FAIL


# --- the catalogue ----------------------------------------------------------------------------

NATIONAL: dict[str, Rule] = {
    "DQ-KONTAKT": dq_kontakt, "DQ-BEDOMNING": dq_bedomning, "FLK-ANDEL": flk_andel,
    "LIST-TAK-BESLUT": list_tak_beslut, "LIST-BYTEN": list_byten,
    "PS-LEX-MARIA": ps_lex_maria, "PS-LEX-MARIA-UTREDNING": ps_lex_maria_utredning,
    "PS-BERATTELSE": ps_berattelse,
    "PS-BERATTELSE-TILLGANGLIG": _declared("quality", "patient_safety_report_available", D2011),
    "VG-KONTAKT": vg_kontakt,
    "VG-BEDOMNING": vg_bedomning, "VG-LAKARBESOK": vg_lakarbesok,
    "VC-VERKSAMHETSCHEF": vc_verksamhetschef,
}
REGIONAL: dict[str, dict[str, Rule]] = {
    "kronoberg": {
        "KRO-MOMS": kro_moms, "KRO-TAK-FRIST": kro_tak_frist,
        "KRO-TAK-UNDERLAG": kro_tak_underlag, "KRO-TAK-SKAL": kro_tak_skal,
        "KRO-TAK-GRANS": kro_tak_grans,
        "KRO-TAK-PASSIV": _cap_zero("passive_listings_refused"),
        "KRO-TAK-AVLISTNING": _cap_zero("delistings_by_clinic"),
        "KRO-TAK-EGEN-LISTNING": _cap_zero("listings_by_clinic"),
        "KRO-TAK-INFORMATION": kro_tak_information, "KRO-TAK-OMPROVNING": kro_tak_omprovning,
        "KRO-VARDFORMER": kro_vardformer, "KRO-SYNERGI": kro_synergi,
        "KRO-KVALITETSREGISTER": kro_kvalitetsregister,
        "KRO-KVALITETSINDIKATORER": _declared("quality", "indicators_reported", D2024),
        "KRO-HYGIEN": _declared("declarations", "hygiene_rules_followed", D2024),
        "KRO-RECEPTKODER": _declared("declarations", "prescription_codes_barcode", D2024),
        "KRO-PATIENTNAMND": _declared("declarations", "patient_board_assisted", D2024),
        "KRO-LAKEMEDEL": _declared("declarations", "medicines_committee_followed", D2024),
        "KRO-VARDPROGRAM": _declared("declarations", "care_programs_followed", D2024),
        "KRO-DIAGNOSREGISTRERING": _declared("declarations", "diagnosis_coding_followed", D2024),
        "KRO-CHEFLAKARE": _declared("declarations", "chief_physician_consulted", D2024),
    },
    "skane": {
        "SKA-TELEFON-2H": _phone("within_2h", "skane.telefon.niva1"),
        "SKA-TELEFON-15MIN": _phone("within_15min", "skane.telefon.niva2"),
    },
    "vastra-gotaland": {
        "VGR-VARDHYGIEN": _declared("declarations", "hygiene_expertise_collaboration"),
        "VGR-VANTETIDSDATA": vgr_vantetidsdata,
    },
}
RULE_IDS = frozenset(NATIONAL) | frozenset(r for rules in REGIONAL.values() for r in rules)


def check(data: dict[str, Any], period: Quarter, params: Params) -> dict[str, Status]:
    """The status of every rule for one validated submission, like ``engine.rule_statuses``."""
    region = data["clinic"]["region"]
    out = {rule_id: rule(data, period, params) for rule_id, rule in NATIONAL.items()}
    for name, rules in REGIONAL.items():
        if name == region:
            out.update((rule_id, rule(data, period, params)) for rule_id, rule in rules.items())
        else:
            out.update(dict.fromkeys(rules, NA))
    return out
