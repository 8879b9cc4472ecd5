"""My points: the quarter selector lists the latest eight quarters in which the deputy has entries,
newest first (a quarter's first and last days counted in it, another deputy's entries never), and
the published section shows the latest revision of each quarter, as the public profile does."""

import re
from datetime import date

import pytest
from django.urls import reverse

from congress.periods import Quarter
from congress.services import quarter_correct, quarter_publish
from congress.tests.factories import DeputyFactory, deputy_user
from points.tests.factories import award, small_district

pytestmark = pytest.mark.django_db
MY_POINTS = reverse("points:my-points")


@pytest.fixture(autouse=True)
def _only_points_part(monkeypatch):
    from congress.registry import registry

    monkeypatch.setattr(registry, "publication_parts", [p for p in registry.publication_parts if p.name == "points"])


def quarter_links(html: str) -> list[str]:
    return re.findall(r'<a href="\?quarter=(\d{4}Q\d)">', html)


def test_the_selector_lists_the_quarters_with_entries_newest_first(client, deputy, deputy_login, rules):
    for day in (date(2019, 12, 31), date(2020, 1, 1), date(2020, 3, 31), date(2020, 4, 1), date(2020, 9, 30),
                date(2021, 2, 15)):
        award(deputy, rules, on=day, title=f"视察{day}")
    award(DeputyFactory(), rules, on=date(2020, 11, 11), title="别人的视察")
    client.force_login(deputy_login)
    html = client.get(MY_POINTS, {"quarter": "2021Q1"}).content.decode()
    assert quarter_links(html) == ["2021Q1", "2020Q3", "2020Q2", "2020Q1", "2019Q4"]


def test_the_selector_stops_at_eight_quarters(client, deputy, deputy_login, rules):
    for year in (2019, 2020, 2021):
        for month in (2, 5, 8):
            award(deputy, rules, on=date(year, month, 15), title=f"视察{year}{month}")
    client.force_login(deputy_login)
    html = client.get(MY_POINTS, {"quarter": "2021Q3"}).content.decode()
    assert quarter_links(html) == ["2021Q3", "2021Q2", "2021Q1", "2020Q3", "2020Q2", "2020Q1", "2019Q3", "2019Q2"]


def test_a_deputy_without_entries_has_no_selector(client, deputy_login):
    client.force_login(deputy_login)
    response = client.get(MY_POINTS)
    html = response.content.decode()
    assert quarter_links(html) == [] and "暂无记录。" in html


def test_the_published_section_shows_each_quarter_s_latest_revision(client, rules, staff):
    d1, _, _ = small_district(rules, staff)
    quarter_publish(quarter=Quarter(2020, 1))
    quarter_publish(quarter=Quarter(2020, 2))
    award(d1, rules, "inspection", date(2020, 3, 1))  # 10 -> 18 points in 2020 Q1, in a correction
    quarter_correct(quarter=Quarter(2020, 1), reason="补录遗漏的视察", corrected_by=staff)

    client.force_login(deputy_user(d1))
    published = client.get(MY_POINTS).content.decode().split('id="published-heading"')[1].split("</section>")[0]
    items = re.findall(r"<li>(.*?)</li>", published)
    assert items == ["2020年第2季度：5 分，第 2 名", "2020年第1季度：18 分，第 1 名"]

    profile = client.get(reverse("deputy-detail", args=[d1.pk])).content.decode()
    assert profile.count("?quarter=2020Q1") == 1 and "第 2 版" in profile
