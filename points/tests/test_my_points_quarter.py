"""Choosing a quarter on "my points" shows that quarter's entries beside its figures (the ledger
below stayed the same whatever was chosen), and the card says whether the quarter is published,
linking to the official ranking (it said "not yet published" of a published quarter)."""

from datetime import date

import pytest
from django.urls import reverse

from congress.periods import Quarter
from congress.services import quarter_publish
from points.tests.factories import award

pytestmark = pytest.mark.django_db
MY_POINTS = reverse("points:my-points")


@pytest.fixture(autouse=True)
def _only_points_part(monkeypatch):
    from congress.registry import registry

    monkeypatch.setattr(registry, "publication_parts", [p for p in registry.publication_parts if p.name == "points"])


def test_a_chosen_quarter_shows_its_own_entries(client, deputy, deputy_login, rules):
    award(deputy, rules, on=date(2020, 5, 6), title="视察")
    award(deputy, rules, code="reception", on=date(2020, 8, 8), title="接待")
    client.force_login(deputy_login)
    html = client.get(MY_POINTS, {"quarter": "2020Q2"}).content.decode()
    assert "2020-05-06" in html and "2020-08-08" not in html
    assert "我的积分台账：2020年第2季度" in html and "全部台账记录" in html
    everything = client.get(MY_POINTS).content.decode()
    assert "2020-05-06" in everything and "2020-08-08" in everything


def test_the_card_says_whether_the_quarter_is_published(client, deputy, deputy_login, rules):
    award(deputy, rules, on=date(2020, 5, 6), title="视察")
    client.force_login(deputy_login)
    assert "尚未公布" in client.get(MY_POINTS, {"quarter": "2020Q2"}).content.decode()
    quarter_publish(quarter=Quarter(2020, 2))
    html = client.get(MY_POINTS, {"quarter": "2020Q2"}).content.decode()
    assert "尚未公布" not in html
    assert f'href="{reverse("points:ranking")}?quarter=2020Q2">已公布</a>' in html
