"""Swedish words for the submission's fields: labels, units and choice words a person types.

The field names of ``vardval/submission@1`` are English and fixed; a clinic filling in a
template reads Swedish. These tables give each field and section a Swedish label and meaning
(the schema's descriptions, in Swedish), each kind of value its unit, and each choice the
Swedish word a template offers (the English value is read as well).
``tests/sheets/test_template.py`` holds that every field has a label and a meaning.
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

#: What each field means, in Swedish (the schema's descriptions are English); the template
#: shows it beside the label.
MEANINGS: dict[str, str] = {
    "format": "format och version",
    "clinic.hsa_id": "enhetens HSA-id, t.ex. SE2321000065-E000000000123",
    "clinic.name": "enhetens namn, t.ex. Vårdcentralen Teleborg",
    "clinic.region": "den region vars vårdval vårdcentralen tillhör",
    "clinic.operator": "driftsform: regionens egen regi (offentlig) eller privat (LOV-avtal)",
    "clinic.vardval_system": "vilket vårdvalssystem inom regionen (HSL 7 kap. 3 § 2 st.); "
                             "lämnas tomt: vardcentral",
    "clinic.head_of_unit": "verksamhetschef (HSL 4 kap. 2 §)",
    "period": "kvartalet som rapporteras, ÅÅÅÅ-Qn",
    "submitted_on": "dagen då inlämningen gjordes",
    "listing.listed_at_period_end": "patienter listade på vårdcentralen periodens sista dag",
    "listing.relistings.over_limit": "personer som listades under perioden och som redan hade "
                                     "bytt vårdcentral två gånger de senaste 12 månaderna",
    "listing.relistings.over_limit_with_special_reason": "av dem, hur många regionen medgav av "
                                                         "särskilda skäl",
    "listing.cap.max_listed": "taket: högsta antal listade",
    "listing.cap.applied_on": "dagen för vårdcentralens fullständiga ansökan",
    "listing.cap.decided_on": "dagen för regionens beslut (tomt: inte beslutat)",
    "listing.cap.valid_from": "första dagen taket gäller",
    "listing.cap.valid_to": "sista dagen taket gäller",
    "listing.cap.last_reviewed_on": "regionens senaste omprövning av beslutet",
    "listing.cap.grounds": "skälen som angavs (får vara tomt, vilket en regel påtalar)",
    "listing.cap.work_environment_analysis": "ansökan innehöll en arbetsmiljöanalys",
    "listing.cap.patient_safety_analysis": "ansökan innehöll en patientsäkerhetsanalys",
    "listing.cap.residents_informed": "vårdcentralen informerade invånarna om taket",
    "listing.cap.passive_listings": "passiva listningar (nyfödda, nyinflyttade, boende på "
                                    "äldreboende) under taket i perioden",
    "listing.cap.passive_listings_since_valid_from": "passiva listningar från den dag taket "
                                                     "började gälla till periodens sista dag",
    "listing.cap.passive_listings_refused": "passiva listningar som vårdcentralen avböjde",
    "listing.cap.delistings_by_clinic": "redan listade patienter som vårdcentralen avlistade",
    "listing.cap.listings_by_clinic": "listningar som vårdcentralen själv gjorde under taket",
    "care_offering.physical": "vårdcentralen erbjuder fysiska besök",
    "care_offering.digital": "vårdcentralen erbjuder digital vård",
    "care_offering.digital_channels": "kanaler för digital vård: video, chatt, telefon, app",
    "accessibility.months_reported": "kvartalets månader med levererade väntetidsdata (0–3)",
    "accessibility.contacts.total": "kontakter som söktes av personer som omfattas av regionens "
                                    "vårdgaranti (HSL 9 kap. 1 § 1 st., 8 kap. 3 §)",
    "accessibility.contacts.same_day": "kontakter som fick kontakt samma dag",
    "accessibility.contacts.listed_total": "kontakter som söktes av patienter listade på "
                                           "vårdcentralen",
    "accessibility.contacts.listed_same_day": "listade patienters kontakter som fick kontakt "
                                              "samma dag",
    "accessibility.assessments.total": "patienter som bedömdes behöva en medicinsk bedömning "
                                       "som inte kunde göras vid första kontakten "
                                       "(HSF 6 kap. 1 § 2 p.)",
    "accessibility.assessments.within_3_days": "av dem, bedömda av läkare eller annan "
                                               "legitimerad personal inom 3 dagar",
    "accessibility.assessments.patient_chosen_wait": "av dem, bedömda senare för att patienten "
                                                     "valde en senare tid fast tider inom "
                                                     "gränsen erbjöds (patientvald väntan); "
                                                     "tomt = 0",
    "accessibility.assessments.listed_total": "listade patienter som behövde en medicinsk "
                                              "bedömning",
    "accessibility.assessments.listed_within_3_days": "listade patienter bedömda av "
                                                      "legitimerad personal inom 3 dagar",
    "accessibility.assessments.listed_patient_chosen_wait": "patientvald väntan, bara listade "
                                                            "patienter; tomt = 0",
    "accessibility.doctor_visits.total": "läkarbesök som behövdes (perioder före 2019)",
    "accessibility.doctor_visits.within_7_days": "läkarbesök som gavs inom 7 dagar (perioder "
                                                 "före 2019)",
    "accessibility.phone.calls": "samtal till vårdcentralen (regionens telefonmätning)",
    "accessibility.phone.within_2h": "samtal som nådde legitimerad personal inom 2 timmar",
    "accessibility.phone.within_15min": "samtal som nådde legitimerad personal inom 15 minuter",
    "continuity.listed_with_named_doctor": "listade patienter med en namngiven fast "
                                           "läkarkontakt",
    "quality.quality_registers": "kvalitetsregister som vårdcentralen rapporterar till",
    "quality.indicators_reported": "regionens kvalitetsindikatorer rapporterades för perioden",
    "quality.deviation_system": "system för avvikelsehantering",
    "quality.deviations_reported": "avvikelser som rapporterades under perioden",
    "quality.serious_events": "händelser som medförde eller kunde ha medfört allvarlig "
                              "vårdskada",
    "quality.lex_maria_reports": "av dem, anmälda till IVO (lex Maria; till Socialstyrelsen "
                                 "före 2013-06-01)",
    "quality.lex_maria_investigations_submitted": "av anmälningarna, hur många som hade "
                                                  "vårdgivarens utredning inskickad till IVO "
                                                  "när inlämningen gjordes (PSL 3 kap. 5 § 2 st.)",
    "quality.patient_safety_report_date": "dagen då den senaste årliga "
                                          "patientsäkerhetsberättelsen upprättades",
    "quality.patient_safety_report_available": "patientsäkerhetsberättelsen hålls tillgänglig "
                                               "för den som vill läsa den (PSL 3 kap. 10 § 2 st.)",
    "finance.reimbursement_sek": "ersättning från regionen under perioden, kronor",
    "finance.vat_compensation_sek": "momskompensation som begärs för perioden, kronor",
    "finance.vat_extra_approved_percent": "extra momskompensation beviljad efter ansökan, i "
                                          "procentenheter (t.ex. 1,5)",
    "declarations.hygiene_rules_followed": "vårdcentralen följer basala hygienrutiner",
    "declarations.prescription_codes_barcode": "förskrivarkoder skrivs ut som streckkod",
    "declarations.patient_board_assisted": "vårdcentralen bistår patientnämnden",
    "declarations.medicines_committee_followed": "vårdcentralen följer "
                                                 "läkemedelskommitténs rekommendationer",
    "declarations.care_programs_followed": "vårdcentralen följer regionens vårdprogram",
    "declarations.hygiene_expertise_collaboration": "vårdcentralen samverkar med regionens "
                                                    "vårdhygien",
    "declarations.diagnosis_coding_followed": "diagnoser och åtgärder registreras enligt "
                                              "primärvårdens regler",
    "declarations.chief_physician_consulted": "regionens chefläkare för primärvården rådfrågas "
                                              "om enskilda fall och avvikelser",
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
