"""The whole loop through the site, as the office, the procuratorate's liaison and a unit's
handler would go through it; refusals show their message with a 4xx and change nothing."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from congress.tests.factories import OrganizationFactory, unit_user
from supervision.models import Case, CaseAction, Clue, ClueReporter, Rectification

pytestmark = pytest.mark.django_db


def test_a_clue_from_receipt_to_closure(client, staff, liaison, procuratorate):
    unit = OrganizationFactory(name="区规划土地监察局")
    handler = unit_user(unit)
    client.force_login(staff)
    response = client.post(reverse("supervision:clue-new"), {
        "received_on": "2020-04-15", "source": "audit", "category": "land", "public_interest": "on",
        "title": "已出让土地闲置", "description": "到期未依法回收", "reporter_name": "审计组王某",
        "reporter_phone": "13700000000"})
    assert response.status_code == 302
    clue = Clue.objects.get()
    assert ClueReporter.objects.get(clue=clue).phone == "13700000000"
    detail = reverse("supervision:clue-detail", args=[clue.pk])
    # sharing before review is refused, with the message and nothing changed
    refused = client.post(reverse("supervision:clue-step", args=[clue.pk, "share"]))
    assert refused.status_code == 409
    assert Clue.objects.get().state == "received"
    assert client.post(reverse("supervision:clue-step", args=[clue.pk, "review"])).status_code == 302
    assert client.post(reverse("supervision:clue-step", args=[clue.pk, "share"])).status_code == 302
    assert client.post(reverse("supervision:clue-refer", args=[clue.pk]),
                       {"organs": [procuratorate.pk]}).status_code == 302
    case = Case.objects.get()
    assert "已出让土地闲置" in client.get(detail).content.decode()

    client.force_login(liaison)
    page = client.get(reverse("supervision:organ-home")).content.decode()
    assert clue.number in page
    assert client.post(reverse("supervision:case-action", args=[case.pk]), {
        "kind": "procuratorial_opinion", "occurred_on": date.today().isoformat(), "summary": "提出检察意见",
        "land_parcels": "1"}).status_code == 302
    bad = client.post(reverse("supervision:case-action", args=[case.pk]), {
        "kind": "procuratorial_opinion", "occurred_on": date.today().isoformat(), "trees": "1.5"})
    assert bad.status_code == 400 and CaseAction.objects.count() == 1
    deadline = (date.today() + timedelta(days=30)).isoformat()
    assert client.post(reverse("supervision:case-rectification", args=[case.pk]), {
        "unit": unit.pk, "requirement": "依法收回闲置土地", "deadline": deadline}).status_code == 302
    item = Rectification.objects.get()

    client.force_login(handler)
    assert client.post(reverse("supervision:rectification-report", args=[item.pk]),
                       {"report": "已收回"}).status_code == 302

    client.force_login(staff)
    blocked = client.post(reverse("supervision:case-close", args=[case.pk]), {"result": "办结"})
    assert blocked.status_code == 409 and Case.objects.get().state == "open"
    assert client.post(reverse("supervision:rectification-evaluate", args=[item.pk]),
                       {"satisfaction": "satisfied"}).status_code == 302
    assert client.post(reverse("supervision:case-close", args=[case.pk]), {"result": "办结"}).status_code == 302
    assert client.post(reverse("supervision:clue-close", args=[clue.pk]), {"result": "土地已收回"}).status_code == 302
    assert Clue.objects.get().state == "closed"
    assert "1" in client.get(reverse("supervision:statistics")).content.decode()


def test_the_pages_render_for_each_role(client, staff, liaison):
    for user, urls in ((staff, ["supervision:clue-list", "supervision:clue-new", "supervision:organ-home",
                                "supervision:rectification-list"]),
                       (liaison, ["supervision:clue-list", "supervision:organ-home",
                                  "supervision:rectification-list"])):
        client.force_login(user)
        for name in urls:
            assert client.get(reverse(name)).status_code == 200, name
    client.force_login(liaison)
    assert client.get(reverse("supervision:clue-new")).status_code == 403


def test_malformed_parameters_are_not_errors(client, staff):
    client.force_login(staff)
    for url in ("/supervision/?year=abc", "/supervision/?year=99999", "/supervision/clues/?state=x&year=zz",
                "/supervision/clues/?page=999", "/supervision/rectifications/?status=%00",
                "/supervision/data/nothing/"):
        assert client.get(url).status_code in (200, 404), url
    assert client.get("/api/v1/supervision/statistics/?year=-1").status_code == 400  # the API says why
