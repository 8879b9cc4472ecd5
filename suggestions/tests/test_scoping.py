"""A unit handler of unit X gets 404 for unit Y's handling: site, admin and API alike."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from congress.tests.factories import OrganizationFactory, deputy_user, unit_user
from suggestions.models import Handling
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_units():
    x, y = OrganizationFactory(name="区教育局X"), OrganizationFactory(name="区水务局Y")
    mine = handling(organization=x, title="学校周边交通整治")
    theirs = handling(organization=y, title="河道污染治理")
    return unit_user(x), mine, theirs


def test_site_shows_only_the_units_own_handling(client, two_units):
    user, mine, theirs = two_units
    client.force_login(user)
    listing = client.get(reverse("suggestions:unit-handlings")).content.decode()
    assert "学校周边交通整治" in listing and "河道污染治理" not in listing
    assert "学校周边交通整治" in client.get(reverse("suggestions:handling-detail", args=[mine.pk])).content.decode()
    assert client.get(reverse("suggestions:handling-detail", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("suggestions:handling-step", args=[theirs.pk, "reply"]), {"content": "越权答复"})
    assert response.status_code == 404
    assert not theirs.replies.exists()
    assert client.get(reverse("suggestions:manage", args=[theirs.suggestion_id])).status_code == 404


def test_admin_shows_only_the_units_own_handling(client, two_units):
    user, mine, theirs = two_units
    client.force_login(user)
    listing = client.get(reverse("admin:suggestions_handling_changelist")).content.decode()
    assert "学校周边交通整治" in listing and "河道污染治理" not in listing
    assert client.get(reverse("admin:suggestions_handling_change", args=[mine.pk])).status_code == 200
    assert client.get(reverse("admin:suggestions_handling_change", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("admin:suggestions_handling_history", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("admin:suggestions_suggestion_change", args=[theirs.suggestion_id])).status_code == 404


def test_api_shows_only_the_units_own_handling(client, two_units):
    user, mine, theirs = two_units
    client.force_login(user)
    listing = client.get("/api/v1/suggestions/handlings/").json()
    assert [row["id"] for row in listing["results"]] == [mine.pk]
    assert client.get(f"/api/v1/suggestions/handlings/{mine.pk}/").json()["suggestion_title"] == "学校周边交通整治"
    response = client.get(f"/api/v1/suggestions/handlings/{theirs.pk}/")
    assert response.status_code == 404
    response = client.post(f"/api/v1/suggestions/handlings/{theirs.pk}/reply/", {"content": "越权"},
                           content_type="application/json")
    assert response.status_code == 404 and not theirs.replies.exists()


def test_a_deputy_sees_only_their_own_suggestions_handlings(client, two_units):
    _user, mine, theirs = two_units
    client.force_login(deputy_user(mine.suggestion.lead_deputy))
    assert client.get(f"/api/v1/suggestions/handlings/{mine.pk}/").status_code == 200
    assert client.get(f"/api/v1/suggestions/handlings/{theirs.pk}/").status_code == 404
    assert client.get(reverse("suggestions:handling-detail", args=[theirs.pk])).status_code == 404


def test_anonymous_reaches_no_handling(client, two_units):
    _user, mine, _theirs = two_units
    assert client.get(f"/api/v1/suggestions/handlings/{mine.pk}/").status_code in (401, 403)
    assert not Handling.objects.for_user(AnonymousUser()).exists()
