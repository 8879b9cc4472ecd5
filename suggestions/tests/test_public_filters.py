"""The public list's filters offer only what staff published: the years that have a published
suggestion, newest first, and the units assigned one; choosing a unit lists its published
suggestions, each once."""

import re
from datetime import date

import pytest
from django.urls import reverse

from congress.tests.factories import OrganizationFactory, staff_user
from suggestions import services
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db


def published(*, title: str, unit, on: date):
    suggestion = handling(organization=unit, title=title, on=on).suggestion
    return services.suggestion_publish(suggestion=suggestion, published_by=staff_user())


def options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no {name} filter on the page"
    return [text.strip() for text in re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))]


@pytest.fixture
def district():
    education, water, transport = (OrganizationFactory(name=name) for name in ("区教育局", "区水务局", "区交通运输局"))
    published(title="增加学位供给", unit=education, on=date(2019, 3, 1))
    published(title="延长校园开放时间", unit=education, on=date(2021, 3, 1))
    published(title="整治背街小巷积水", unit=water, on=date(2021, 4, 1))
    handling(organization=transport, title="尚未公开的建议", on=date(2020, 3, 1))  # the only 2020 one
    return education, water, transport


def test_the_filters_offer_only_published_years_and_units(client, district):
    page = client.get(reverse("suggestions:list")).content.decode()
    assert options(page, "year") == ["全部年度", "2021", "2019"]
    units = options(page, "unit")
    assert "区教育局" in units and "区水务局" in units
    assert "区交通运输局" not in units, "a unit whose suggestions are all unpublished is not named"


def test_choosing_a_unit_lists_its_published_suggestions_once(client, district):
    education, _water, transport = district
    page = client.get(reverse("suggestions:list") + f"?unit={education.pk}").content.decode()
    assert page.count("增加学位供给") == 1 and page.count("延长校园开放时间") == 1
    assert "整治背街小巷积水" not in page
    page = client.get(reverse("suggestions:list") + f"?unit={education.pk}&year=2021").content.decode()
    assert "延长校园开放时间" in page and "增加学位供给" not in page
    assert "尚未公开的建议" not in client.get(reverse("suggestions:list") + f"?unit={transport.pk}").content.decode()
