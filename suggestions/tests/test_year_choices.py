"""The year choices: the statistics offer every year that has a suggestion, the public list every
year that has a published one, newest first; a draft (no year yet) adds none."""

import pytest

from congress.tests.factories import DeputyFactory, OrganizationFactory
from suggestions.models import Suggestion
from suggestions.selectors import statistics_years, suggestion_years_public
from suggestions.tests.factories import bulk_handlings

pytestmark = pytest.mark.django_db


def test_each_list_offers_its_years_newest_first():
    unit = OrganizationFactory()
    bulk_handlings(3, unit=unit, year=lambda i: 2018 + 2 * i, published=True)  # 2018, 2020, 2022
    bulk_handlings(2, unit=unit, offset=10, year=lambda i: 2019 + 4 * i)  # 2019, 2023: not published
    Suggestion.objects.create(title="草稿", content="……", lead_deputy=DeputyFactory())

    assert statistics_years() == [2023, 2022, 2020, 2019, 2018]
    assert suggestion_years_public() == [2022, 2020, 2018]


def test_no_suggestion_no_year():
    Suggestion.objects.create(title="草稿", content="……", lead_deputy=DeputyFactory())
    assert statistics_years() == [] and suggestion_years_public() == []
