"""Need to know: an organ liaison reaches the shared clues and only their organ's cases (404 for
another organ's, on the site, the admin and the API alike); a unit handler only their unit's
rectification items; a citizen reporter's contact reaches staff alone."""

import pytest
from django.urls import reverse

from congress.tests.factories import UserFactory, unit_user
from supervision.tests.factories import (
    CaseFactory,
    ClueFactory,
    ClueReporterFactory,
    RectificationFactory,
    SharedClueFactory,
)

pytestmark = pytest.mark.django_db

REPORTER_MARKS = ["举报人张某某", "13912345678", "reporter@example.com"]


@pytest.fixture
def two_cases(procuratorate, audit_bureau):
    own = CaseFactory(organ=procuratorate)
    other = CaseFactory(organ=audit_bureau)
    for case in (own, other):
        ClueReporterFactory(clue=case.clue)
    return own, other


def test_liaison_gets_404_for_another_organs_case_everywhere(client, liaison, two_cases):
    own, other = two_cases
    client.force_login(liaison)
    assert client.get(reverse("supervision:case-detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("supervision:case-detail", args=[other.pk])).status_code == 404
    assert client.post(reverse("supervision:case-action", args=[other.pk]),
                       {"kind": "audit_finding", "occurred_on": "2020-05-01"}).status_code == 404
    assert client.get(f"/api/v1/supervision/cases/{own.pk}/").status_code == 200
    assert client.get(f"/api/v1/supervision/cases/{other.pk}/").status_code == 404
    assert client.post(f"/api/v1/supervision/cases/{other.pk}/actions/",
                       {"kind": "audit_finding", "occurred_on": "2020-05-01"}).status_code == 404
    assert client.get(reverse("admin:supervision_case_change", args=[own.pk])).status_code == 200
    assert client.get(reverse("admin:supervision_case_change", args=[other.pk])).status_code == 404
    listed = client.get("/api/v1/supervision/cases/").json()["results"]
    assert [row["id"] for row in listed] == [own.pk]
    changelist = client.get(reverse("admin:supervision_case_changelist")).content.decode()
    assert own.clue.number in changelist and other.clue.number not in changelist


def test_liaison_sees_shared_clues_only(client, liaison):
    shared, unshared = SharedClueFactory(), ClueFactory()
    client.force_login(liaison)
    assert client.get(reverse("supervision:clue-detail", args=[shared.pk])).status_code == 200
    assert client.get(reverse("supervision:clue-detail", args=[unshared.pk])).status_code == 404
    assert client.get(f"/api/v1/supervision/clues/{unshared.pk}/").status_code == 404
    assert client.get(reverse("admin:supervision_clue_change", args=[unshared.pk])).status_code == 404
    assert [row["id"] for row in client.get("/api/v1/supervision/clues/").json()["results"]] == [shared.pk]


def test_liaison_never_sees_the_reporter(client, liaison, two_cases):
    own, _other = two_cases
    client.force_login(liaison)
    pages = [
        reverse("supervision:clue-detail", args=[own.clue_id]),
        reverse("supervision:clue-list"),
        reverse("supervision:case-detail", args=[own.pk]),
        reverse("admin:supervision_clue_change", args=[own.clue_id]),
        reverse("admin:supervision_clue_changelist"),
        f"/api/v1/supervision/clues/{own.clue_id}/",
        "/api/v1/supervision/clues/",
        f"/api/v1/supervision/cases/{own.pk}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert own.clue.title in body or own.clue.number in body, url
        for mark in REPORTER_MARKS:
            assert mark not in body, (url, mark)
    assert client.get("/admin/supervision/cluereporter/").status_code == 404  # no admin of its own


def test_staff_see_the_reporter(client, staff, two_cases):
    own, _other = two_cases
    client.force_login(staff)
    for url in (reverse("supervision:clue-detail", args=[own.clue_id]),
                reverse("admin:supervision_clue_change", args=[own.clue_id])):
        assert "13912345678" in client.get(url).content.decode(), url


def test_unit_handler_sees_only_their_units_items(client):
    mine, theirs = RectificationFactory(), RectificationFactory()
    ClueReporterFactory(clue=mine.case.clue)
    handler = unit_user(mine.unit)
    client.force_login(handler)
    assert client.get(reverse("supervision:rectification-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("supervision:rectification-detail", args=[theirs.pk])).status_code == 404
    assert client.get(f"/api/v1/supervision/rectifications/{theirs.pk}/").status_code == 404
    assert client.post(f"/api/v1/supervision/rectifications/{theirs.pk}/report/", {"report": "x"}).status_code == 404
    assert client.get(reverse("admin:supervision_rectification_change", args=[theirs.pk])).status_code == 404
    rows = client.get("/api/v1/supervision/rectifications/").json()["results"]
    assert [row["id"] for row in rows] == [mine.pk]
    # cases and clues are not theirs to see
    assert client.get(reverse("supervision:case-detail", args=[mine.case_id])).status_code == 403
    assert client.get(f"/api/v1/supervision/cases/{mine.case_id}/").status_code == 404
    assert client.get("/api/v1/supervision/clues/").json()["results"] == []
    body = client.get(reverse("supervision:rectification-detail", args=[mine.pk])).content.decode()
    for mark in REPORTER_MARKS:
        assert mark not in body


def test_unit_handler_reports_through_the_site(client):
    item = RectificationFactory()
    client.force_login(unit_user(item.unit))
    response = client.post(reverse("supervision:rectification-report", args=[item.pk]), {"report": "已完成整改"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "reported"
    again = client.post(reverse("supervision:rectification-report", args=[item.pk]), {"report": "再次提交"})
    assert again.status_code == 409 and "Only an open" in again.content.decode() or again.status_code == 409


def test_anonymous_and_deputies_reach_no_work_page(client):
    case = CaseFactory()
    for url in (reverse("supervision:case-detail", args=[case.pk]), reverse("supervision:clue-list")):
        assert client.get(url).status_code == 302  # to the login page
    assert client.get(f"/api/v1/supervision/cases/{case.pk}/").status_code in (401, 403)
    client.force_login(UserFactory(role="deputy"))
    assert client.get(reverse("supervision:clue-list")).status_code == 403
    assert client.get(f"/api/v1/supervision/cases/{case.pk}/").status_code == 404
