"""Swedish words for the submission's fields: labels, units and choice words a person types.

The field names of ``vardval/submission@1`` are English and fixed; a clinic filling in a
template reads Swedish. These tables give each field and section a Swedish label, each kind
of value its unit, and each choice the Swedish word a template offers (the English value is
read as well). ``tests/submission/test_labels.py`` holds that every field has a label.
"""

from __future__ import annotations

from vardval.checker.submission.fields import FieldSpec

SECTIONS: dict[str, str] = {
    "clinic": "Vårdcentralen",
    "listing": "Listning",
    "listing.relistings": "Omlistningar utöver gränsen",
    "listing.cap": "Listningstak (fylls bara i om ett tak gällde under perioden)",
    "care_offering": "Vårdutbud",
    "accessibility": "Tillgänglighet",
    "accessibility.contacts": "Kontakter (vårdgarantin)",
    "accessibility.assessments": "Medicinsk bedömning inom 3 dagar",
    "accessibility.doctor_visits": "Läkarbesök inom 7 dagar (perioder före 2019)",
    "accessibility.phone": "Telefontillgänglighet",
    "continuity": "Kontinuitet",
    "quality": "Kvalitet och patientsäkerhet",
    "finance": "Ekonomi",
    "declarations": "Intyganden",
}

LABELS: dict[str, str] = {
    "format": "Format",
    "clinic.hsa_id": "HSA-id för enheten",
    "clinic.name": "Enhetens namn",
    "clinic.region": "Region",
    "clinic.operator": "Driftsform",
    "clinic.vardval_system": "Vårdvalssystem",
    "clinic.head_of_unit": "Verksamhetschef",
    "period": "Kvartal",
    "submitted_on": "Inlämningsdatum",
    "listing.listed_at_period_end": "Listade patienter vid periodens slut",
    "listing.relistings.over_limit": "Omlistade som redan bytt två gånger på 12 månader",
    "listing.relistings.over_limit_with_special_reason": "– varav medgivna av särskilda skäl",
    "listing.cap.max_listed": "Listningstak (högsta antal listade)",
    "listing.cap.applied_on": "Datum för fullständig ansökan",
    "listing.cap.decided_on": "Datum för regionens beslut",
    "listing.cap.valid_from": "Taket gäller från",
    "listing.cap.valid_to": "Taket gäller till och med",
    "listing.cap.last_reviewed_on": "Regionens senaste omprövning",
    "listing.cap.grounds": "Skäl för taket",
    "listing.cap.work_environment_analysis": "Ansökan innehöll en arbetsmiljöanalys",
    "listing.cap.patient_safety_analysis": "Ansökan innehöll en patientsäkerhetsanalys",
    "listing.cap.residents_informed": "Invånarna har informerats om taket",
    "listing.cap.passive_listings": "Passiva listningar under taket i perioden",
    "listing.cap.passive_listings_since_valid_from": "Passiva listningar sedan taket började",
    "listing.cap.passive_listings_refused": "Passiva listningar som vårdcentralen avböjt",
    "listing.cap.delistings_by_clinic": "Listade patienter som vårdcentralen avlistat",
    "listing.cap.listings_by_clinic": "Listningar som vårdcentralen själv gjort",
    "care_offering.physical": "Erbjuder fysiska besök",
    "care_offering.digital": "Erbjuder digital vård",
    "care_offering.digital_channels": "Kanaler för digital vård",
    "accessibility.months_reported": "Månader med levererade väntetidsdata",
    "accessibility.contacts.total": "Sökta kontakter",
    "accessibility.contacts.same_day": "– varav kontakt samma dag",
    "accessibility.contacts.listed_total": "Sökta kontakter, listade patienter",
    "accessibility.contacts.listed_same_day": "– varav listade med kontakt samma dag",
    "accessibility.assessments.total": "Behov av medicinsk bedömning",
    "accessibility.assessments.within_3_days": "– varav bedömda inom 3 dagar",
    "accessibility.assessments.patient_chosen_wait": "– varav patientvald väntan",
    "accessibility.assessments.listed_total": "Behov av medicinsk bedömning, listade",
    "accessibility.assessments.listed_within_3_days": "– varav listade bedömda inom 3 dagar",
    "accessibility.assessments.listed_patient_chosen_wait": "– varav listade, patientvald väntan",
    "accessibility.doctor_visits.total": "Läkarbesök som behövts",
    "accessibility.doctor_visits.within_7_days": "– varav givna inom 7 dagar",
    "accessibility.phone.calls": "Samtal till vårdcentralen",
    "accessibility.phone.within_2h": "– varav till legitimerad personal inom 2 timmar",
    "accessibility.phone.within_15min": "– varav inom 15 minuter",
    "continuity.listed_with_named_doctor": "Listade med namngiven fast läkarkontakt",
    "quality.quality_registers": "Kvalitetsregister som vårdcentralen rapporterar till",
    "quality.indicators_reported": "Regionens kvalitetsindikatorer rapporterade",
    "quality.deviation_system": "System för avvikelsehantering",
    "quality.deviations_reported": "Rapporterade avvikelser",
    "quality.serious_events": "Händelser med (risk för) allvarlig vårdskada",
    "quality.lex_maria_reports": "– varav anmälda till IVO (lex Maria)",
    "quality.lex_maria_investigations_submitted": "– varav med utredningen inskickad till IVO",
    "quality.patient_safety_report_date": "Datum för senaste patientsäkerhetsberättelsen",
    "quality.patient_safety_report_available": "Patientsäkerhetsberättelsen hålls tillgänglig",
    "finance.reimbursement_sek": "Ersättning från regionen",
    "finance.vat_compensation_sek": "Begärd momskompensation",
    "finance.vat_extra_approved_percent": "Beviljad extra momskompensation",
    "declarations.hygiene_rules_followed": "Följer basala hygienrutiner",
    "declarations.prescription_codes_barcode": "Förskrivarkoder skrivs ut som streckkod",
    "declarations.patient_board_assisted": "Bistår patientnämnden",
    "declarations.medicines_committee_followed": "Följer läkemedelskommitténs rekommendationer",
    "declarations.care_programs_followed": "Följer regionens vårdprogram",
    "declarations.hygiene_expertise_collaboration": "Samverkar med vårdhygien",
    "declarations.diagnosis_coding_followed": "Registrerar diagnoser enligt primärvårdens regler",
    "declarations.chief_physician_consulted": "Rådgör med regionens chefläkare",
}

#: The Swedish word a template offers for each choice; the English value is accepted too.
CHOICE_WORDS: dict[str, str] = {
    "public": "offentlig",
    "private": "privat",
    "patient_safety": "patientsäkerhet",
    "work_environment": "arbetsmiljö",
    "low_accessibility": "låg tillgänglighet",
    "video": "video",
    "chat": "chatt",
    "phone": "telefon",
    "app": "app",
}
BOOL_WORDS = ("ja", "nej")

_UNITS = {"count": "antal", "date": "ÅÅÅÅ-MM-DD", "bool": "ja/nej", "choice": "välj i listan",
          "list": "kommaseparerad lista"}


def unit_of(spec: FieldSpec) -> str:
    """What a value is counted or written in, in Swedish (``antal``, ``kr``, ``ÅÅÅÅ-MM-DD``).

    Example:
        >>> from vardval.checker.submission.fields import submission_fields
        >>> fields = submission_fields()
        >>> unit_of(fields["finance.reimbursement_sek"]), unit_of(fields["period"])
        ('kr', 'ÅÅÅÅ-Qn')
    """
    if spec.dotted == "period":
        return "ÅÅÅÅ-Qn"
    if spec.kind == "number":
        return "kr" if spec.dotted.endswith("_sek") else "procentenheter"
    return _UNITS.get(spec.kind, "text")


def words_of(spec: FieldSpec) -> dict[str, object]:
    """Text a person may type → the field's value: Swedish choice words and their values.

    Example:
        >>> from vardval.checker.submission.fields import submission_fields
        >>> words_of(submission_fields()["clinic.operator"])["privat"]
        'private'
    """
    return {word: value for value in spec.choices
            for word in (CHOICE_WORDS.get(value, value), value)}


def shown_choices(spec: FieldSpec) -> list[str]:
    """The words a template's drop-down list offers for the field."""
    return [CHOICE_WORDS.get(value, value) for value in spec.choices]
