"""Outcome sums are exact (decimal yuan and m², integer counts), summed in SQL by year, organ and
category, and agree with hand-worked figures."""

from datetime import date
from decimal import Decimal

import pytest

from congress.models import OrganizationKind
from supervision import selectors, services
from supervision.models import Outcome
from supervision.tests.factories import CaseFactory, organ

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(staff):
    procuratorate = organ(name="检察院A")
    audit = organ(kind=OrganizationKind.AUDIT_BUREAU, name="审计局A")
    land = CaseFactory(organ=procuratorate, clue__category="land", referred_on=date(2019, 3, 1))
    finance = CaseFactory(organ=audit, clue__category="public_finance", referred_on=date(2019, 3, 1))
    record = services.case_action_record
    record(case=land, kind="judgment", occurred_on=date(2019, 6, 1), recorded_by=staff,
           outcomes={"trees": 1000, "area_cleared": "0.10", "land_parcels": 2})
    record(case=land, kind="litigation_filed", occurred_on=date(2020, 6, 1), recorded_by=staff,
           outcomes={"trees": 455, "area_cleared": "0.20"})
    record(case=finance, kind="rectification_required", occurred_on=date(2019, 9, 1), recorded_by=staff,
           outcomes={"assets_recovered": "1000000.01", "problems": 30, "rules": 12})
    record(case=finance, kind="audit_finding", occurred_on=date(2020, 9, 1), recorded_by=staff,
           outcomes={"assets_recovered": "1732799.99", "problems": 26, "rules": 15})
    return procuratorate, audit


def test_totals_are_exact(recorded):
    totals = selectors.outcome_totals()
    assert totals == {"land_parcels": 2, "trees": 1455, "area_cleared": Decimal("0.30"),
                      "assets_recovered": Decimal("2732800.00"), "rules": 27, "problems": 56}
    assert isinstance(totals["assets_recovered"], Decimal) and isinstance(totals["trees"], int)
    # the floating-point trap 0.1 + 0.2 is avoided: stored and summed as decimals
    assert Outcome.objects.get(kind="area_cleared", amount=Decimal("0.10")).amount == Decimal("0.10")


def test_sums_by_year(recorded):
    rows = {row["group"]: row for row in selectors.outcome_sums(by="year")}
    assert list(rows) == [2020, 2019]
    assert rows[2019]["trees"] == 1000 and rows[2020]["trees"] == 455
    assert rows[2019]["assets_recovered"] == Decimal("1000000.01")
    assert rows[2020]["assets_recovered"] == Decimal("1732799.99")
    assert rows[2020]["land_parcels"] == 0


def test_sums_by_organ_and_category(recorded):
    by_organ = {row["group"]: row for row in selectors.outcome_sums(by="organ")}
    assert by_organ["审计局A"]["problems"] == 56 and by_organ["审计局A"]["trees"] == 0
    assert by_organ["检察院A"]["area_cleared"] == Decimal("0.30")
    by_category = {str(row["group"]): row for row in selectors.outcome_sums(by="category")}
    assert set(by_category) == {"land", "public finance"}
    assert selectors.outcome_totals(year=2020)["rules"] == 15


def test_public_api_returns_exact_amounts(client, recorded):
    body = client.get("/api/v1/supervision/statistics/").json()
    assert body["outcome_totals"]["assets_recovered"] == "2732800.00"
    assert body["outcome_totals"]["area_cleared"] == "0.30"


def test_action_counts_by_kind_and_category(recorded, settings):
    settings.SUPERVISION_MIN_PUBLIC_CELL = 1
    table = selectors.action_counts_by_kind_and_category()
    rows = {row["kind"]: row for row in table["rows"]}
    land = table["category_keys"].index("land")
    assert rows["judgment"]["cells"][land].shown == 1 and rows["judgment"]["total"].shown == 1
    assert selectors.action_counts_by_kind_and_category(year=2020)["rows"][0]["total"].shown == 0


def test_the_pages_figures_are_grouped_by_thousands(client, recorded):
    page = client.get("/supervision/").content.decode()
    assert "2,732,800.00" in page and "1,455" in page
