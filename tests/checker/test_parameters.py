"""Dated parameters: the shipped values, value_on at its boundaries, overrides, load errors."""

from __future__ import annotations

import datetime as dt
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
import vardval.rules
from vardval.checker.errors import RuleLoadError
from vardval.checker.parameters.loading import load_parameters
from vardval.checker.parameters.parameter_set import ParameterSet
from vardval.checker.sources.registry import SourceRegistry, load_sources
from vardval.dsl.values import Duration

RULES = Path(vardval.rules.__file__).parent
D = dt.date


@pytest.fixture(scope="module")
def registry() -> SourceRegistry:
    return load_sources(RULES / "sources.yaml")


@pytest.fixture(scope="module")
def shipped(registry: SourceRegistry) -> ParameterSet:
    return load_parameters(RULES / "parameters", registry)


# (name, region, day, value): every parameter the catalogue names, in force on a day
CATALOGUE_VALUES = [
    ("vardgaranti.kontakt.malniva", None, D(2017, 4, 1), Decimal("1.00")),
    ("vardgaranti.bedomning.malniva", None, D(2019, 1, 1), Decimal("1.00")),
    ("vardgaranti.bedomning.dagar", None, D(2019, 1, 1), 3),
    ("vardgaranti.lakarbesok.malniva", None, D(2018, 10, 1), Decimal("1.00")),
    ("vardgaranti.lakarbesok.dagar", None, D(2018, 10, 1), 7),
    ("flk.malniva", None, D(2022, 7, 1), Decimal("0.55")),
    ("kronoberg.listningstak.framforhallning", "kronoberg", D(2024, 1, 1), Duration(months=6)),
    ("kronoberg.moms.bas", "kronoberg", D(2025, 1, 1), Decimal("0.02")),
    ("kronoberg.moms.tak", "kronoberg", D(2018, 12, 31), Decimal("0.03")),
    ("kronoberg.moms.tak", "kronoberg", D(2019, 1, 1), Decimal("0.04")),
    ("skane.telefon.niva1", "skane", D(2025, 1, 1), Decimal("0.90")),
    ("skane.telefon.niva2", "skane", D(2025, 1, 1), Decimal("0.90")),
]


@pytest.mark.parametrize(("name", "region", "day", "value"), CATALOGUE_VALUES)
def test_catalogue_values(
    shipped: ParameterSet, name: str, region: str | None, day: dt.date, value: object
) -> None:
    found = shipped.value_on(name, day, region)
    assert found is not None
    assert found.value == value
    assert type(found.value) is type(value)


def test_every_shipped_value_has_resolving_citations(
    shipped: ParameterSet, registry: SourceRegistry
) -> None:
    for name in shipped.names():
        for value in shipped.get(name).values:
            assert value.cite
            assert all(registry.resolve_text(text).url for text in value.cite)


def test_value_on_the_day_before_and_on_the_from_date(shipped: ParameterSet) -> None:
    assert shipped.value_on("vardgaranti.bedomning.dagar", D(2018, 12, 31), None) is None
    on = shipped.value_on("vardgaranti.bedomning.dagar", D(2019, 1, 1), None)
    assert on is not None
    assert (on.value, on.valid_from, on.cite) == (3, D(2019, 1, 1), ("HSF 6 kap. 1 § 2 p.",))
    assert on.file.endswith("national.yaml")


def test_a_regional_parameter_does_not_apply_elsewhere(shipped: ParameterSet) -> None:
    assert shipped.value_on("kronoberg.moms.bas", D(2025, 1, 1), "skane") is None
    assert shipped.value_on("kronoberg.moms.bas", D(2025, 1, 1), None) is None
    assert shipped.get("kronoberg.moms.bas").region == "kronoberg"


def test_python_types_for_the_type_checker(shipped: ParameterSet) -> None:
    assert shipped.python_type("flk.malniva") is Decimal
    assert shipped.python_type("vardgaranti.bedomning.dagar") is int
    assert shipped.python_type("kronoberg.listningstak.framforhallning") is Duration


def test_unknown_names_get_a_suggestion(shipped: ParameterSet) -> None:
    with pytest.raises(KeyError, match=r"did you mean 'flk\.malniva'"):
        shipped.value_on("flk.malnivå", D(2025, 1, 1), None)


def test_changes_within_a_period(shipped: ParameterSet) -> None:
    name = "kronoberg.moms.tak"
    change = shipped.changes_within(name, D(2018, 12, 1), D(2019, 2, 28), "kronoberg")
    assert [(v.valid_from, v.value) for v in change] == [(D(2019, 1, 1), Decimal("0.04"))]
    # a value taking effect on the first day is simply the value in force: no change inside
    assert shipped.changes_within(name, D(2019, 1, 1), D(2019, 3, 31), "kronoberg") == ()
    # the last day is inside the period
    assert len(shipped.changes_within(name, D(2018, 10, 1), D(2019, 1, 1), "kronoberg")) == 1
    assert shipped.changes_within(name, D(2018, 10, 1), D(2018, 12, 31), "kronoberg") == ()


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


NATIONAL = """\
    parameters:
      flk.malniva:
        unit: percent
        description: {sv: Mål, en: Target}
        values:
          - {from: 2022-07-01, value: 50%, cite: [PL 6 kap. 3 §]}
          - {from: 2025-01-01, value: 55%, cite: [PL 6 kap. 3 §]}
    """


@pytest.fixture
def overridden(tmp_path: Path, registry: SourceRegistry) -> ParameterSet:
    write(tmp_path, "national.yaml", NATIONAL)
    write(
        tmp_path,
        "kronoberg.yaml",
        """\
        region: kronoberg
        parameters:
          flk.malniva:
            unit: percent
            description: {sv: Mål, en: Target}
            values:
              - {from: 2024-01-01, value: 60%, cite: [KRO-VARDVAL (listningstak)]}
        """,
    )
    return load_parameters(tmp_path, registry)


def test_a_regional_override_beats_the_national_value(overridden: ParameterSet) -> None:
    def value(day: dt.date, region: str | None) -> object:
        found = overridden.value_on("flk.malniva", day, region)
        return None if found is None else found.value

    assert value(D(2023, 12, 31), "kronoberg") == Decimal("0.50")  # national before the override
    assert value(D(2024, 1, 1), "kronoberg") == Decimal("0.60")
    assert value(D(2025, 6, 1), "kronoberg") == Decimal("0.60")  # later national change ignored
    assert value(D(2025, 6, 1), "skane") == Decimal("0.55")
    assert value(D(2025, 6, 1), None) == Decimal("0.55")
    assert [p.region for p in overridden.overrides("kronoberg")] == ["kronoberg"]
    assert overridden.overrides("skane") == ()
    assert overridden.get("flk.malniva", "kronoberg").values[0].value == Decimal("0.60")
    assert overridden.get("flk.malniva").region is None


def test_changes_within_follow_the_regional_timeline(overridden: ParameterSet) -> None:
    inside = overridden.changes_within("flk.malniva", D(2023, 12, 1), D(2025, 3, 31), "kronoberg")
    assert [v.valid_from for v in inside] == [D(2024, 1, 1)]
    national = overridden.changes_within("flk.malniva", D(2023, 12, 1), D(2025, 3, 31), "skane")
    assert [v.valid_from for v in national] == [D(2025, 1, 1)]


BAD_NATIONAL = """\
    parameters:
      a.unit:
        unit: procent
        description: {sv: a, en: a}
        values:
          - {from: 2020-01-01, value: 90%, cite: [HSL 4 kap. 2 §]}
      a.value:
        unit: percent
        description: {sv: a, en: a}
        values:
          - {from: 2020-01-01, value: 9O%, cite: [HSL 4 kap. 2 §]}
          - {from: 2021-01-01, value: 0.9, cite: [HSL 4 kap. 2 §]}
      a.order:
        unit: count
        description: {sv: a, en: a}
        values:
          - {from: 2021-01-01, value: 1, cite: [HSL 4 kap. 2 §]}
          - {from: 2020-01-01, value: 2, cite: [HSL 4 kap. 2 §]}
          - {from: 2020-01-01, value: 3, cite: [HSL 4 kap. 2 §]}
      a.types:
        unit: days
        description: {sv: a, en: a}
        values:
          - {from: 2020-01-01, value: 3, cite: [HSL 4 kap. 2 §]}
          - {from: 2021-01-01, value: 3 days, cite: [HSL 4 kap. 2 §]}
      a.cite:
        unit: count
        description: {sv: a, en: a}
        values:
          - {from: 2020-01-01, value: 1, cite: [HSLL 4 kap. 2 §, HSL 4 kap 2 §]}
      a.date:
        unit: count
        description: {sv: a, en: a}
        colour: red
        values:
          - {from: 2025-02-30, value: 1, cite: [HSL 4 kap. 2 §]}
      a.shared:
        unit: percent
        description: {sv: a, en: a}
        values:
          - {from: 2020-01-01, value: 90%, cite: [HSL 4 kap. 2 §]}
    """

BAD_REGION = """\
    region: kronoberg
    parameters:
      a.shared:
        unit: count
        description: {sv: a, en: a}
        values:
          - {from: 2020-01-01, value: 90, cite: [HSL 4 kap. 2 §]}
    """


def test_every_problem_of_every_file_is_reported_once_located(
    tmp_path: Path, registry: SourceRegistry
) -> None:
    national = write(tmp_path, "national.yaml", BAD_NATIONAL)
    region = write(tmp_path, "kronoberg.yaml", BAD_REGION)
    write(tmp_path, "skane.yaml", "region: skåne\nparameters: {}\nparameters: {}\n")
    with pytest.raises(RuleLoadError) as caught:
        load_parameters(tmp_path, registry)
    found = [
        (Path(d.span.file).name, d.span.line, d.span.column, d.code)
        for d in caught.value.diagnostics
        if d.span
    ]
    assert found == [
        ("kronoberg.yaml", 3, 3, "override-type"),
        ("national.yaml", 3, 11, "unknown-unit"),
        ("national.yaml", 11, 35, "invalid-value"),
        ("national.yaml", 12, 35, "invalid-value"),
        ("national.yaml", 18, 16, "unordered-values"),
        ("national.yaml", 19, 16, "unordered-values"),
        ("national.yaml", 25, 35, "mixed-types"),
        ("national.yaml", 30, 45, "unresolved-citation"),
        ("national.yaml", 30, 62, "unresolved-citation"),
        ("national.yaml", 34, 5, "unknown-key"),
        ("national.yaml", 36, 16, "invalid-value"),
        ("skane.yaml", 3, 1, "duplicate-key"),
    ]
    text = str(caught.value)
    assert f"{national}:3:11: unknown unit 'procent'; expected one of percent, days, months" in text
    assert "did you mean 'percent'?" in text
    assert "invalid value '9O%'; expected a number, a percentage such as 90%" in text
    assert "value '0.9' does not fit unit 'percent'; expected a percentage such as 90%" in text
    assert "'from: 2020-01-01' is earlier than the value before it (2021-01-01)" in text
    assert "'from: 2020-01-01' repeats the date of the value before it (2020-01-01)" in text
    assert "value is a duration but the parameter's first value is a number" in text
    assert "unknown source 'HSLL'; did you mean 'HSL'?" in text
    assert "invalid citation 'HSL 4 kap 2 §'" in text
    assert "unknown key 'colour' in parameters.a.date" in text
    assert "invalid date '2025-02-30': February 2025 has 28 days" in text
    assert (
        f"{region}:3:3: 'a.shared' of region 'kronoberg' is a number in count, but the national "
        "one is a number in percent; an override must keep the type and unit"
    ) in text
    assert "   11 |       - {from: 2020-01-01, value: 9O%, cite: [HSL 4 kap. 2 §]}" in text


def test_an_unknown_region_is_refused(tmp_path: Path, registry: SourceRegistry) -> None:
    write(tmp_path, "skane.yaml", "region: skåne\nparameters: {}\n")
    expected = r"skane.yaml:1:9: unknown region 'skåne'; did you mean 'skane'"
    with pytest.raises(RuleLoadError, match=expected):
        load_parameters(tmp_path, registry)


def test_a_parameter_defined_twice_for_one_scope(tmp_path: Path, registry: SourceRegistry) -> None:
    write(tmp_path, "a.yaml", NATIONAL)
    write(tmp_path, "b.yaml", NATIONAL)
    expected = r"b.yaml:2:3: parameter 'flk.malniva' is defined twice for the nation"
    with pytest.raises(RuleLoadError, match=expected):
        load_parameters(tmp_path, registry)


def test_values_are_exact_decimals(tmp_path: Path, registry: SourceRegistry) -> None:
    write(
        tmp_path,
        "national.yaml",
        """\
        parameters:
          x.rate:
            unit: percent
            description: {sv: a, en: a}
            values: [{from: 2020-01-01, value: 1.5%, cite: [HSL 4 kap. 2 §]}]
          x.amount:
            unit: sek
            description: {sv: a, en: a}
            values: [{from: 2020-01-01, value: 1500.10, cite: [HSL 4 kap. 2 §]}]
        """,
    )
    parameters = load_parameters(tmp_path, registry)
    rate = parameters.value_on("x.rate", D(2020, 1, 1), None)
    amount = parameters.value_on("x.amount", D(2020, 1, 1), None)
    assert rate is not None and amount is not None
    assert (rate.value, amount.value) == (Decimal("0.015"), Decimal("1500.10"))
    assert str(amount.value) == "1500.10"
