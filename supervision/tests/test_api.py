"""The API's workflow: the same services and refusals as the site, JSON errors per field, and a
reporter that goes in but never comes out."""

import pytest

from supervision.models import Case, Clue, ClueReporter
from supervision.tests.factories import CaseFactory, RectificationFactory

pytestmark = pytest.mark.django_db
NEW_CLUE = {"source": "citizen", "category": "ecology", "title": "河道异味", "description": "沿河排污",
            "received_on": "2020-05-01", "reporter_name": "赵某", "reporter_phone": "13600000000"}


def test_staff_record_a_clue_and_its_reporter_is_never_returned(client, staff):
    client.force_login(staff)
    response = client.post("/api/v1/supervision/clues/", NEW_CLUE, content_type="application/json")
    assert response.status_code == 201
    assert "13600000000" not in response.content.decode() and "赵某" not in response.content.decode()
    clue = Clue.objects.get()
    assert ClueReporter.objects.get(clue=clue).phone == "13600000000"
    assert "13600000000" not in client.get(f"/api/v1/supervision/clues/{clue.pk}/").content.decode()


def test_an_organ_liaison_cannot_record_clues(client, liaison):
    client.force_login(liaison)
    response = client.post("/api/v1/supervision/clues/", NEW_CLUE, content_type="application/json")
    assert response.status_code == 403 and not Clue.objects.exists()


def test_bad_input_gets_a_message_per_field(client, staff):
    client.force_login(staff)
    response = client.post("/api/v1/supervision/clues/", {**NEW_CLUE, "source": "deputy"},
                           content_type="application/json")
    assert response.status_code == 400 and "reporter_deputy" in response.json()
    response = client.post("/api/v1/supervision/clues/", {**NEW_CLUE, "category": "x", "received_on": "soon"},
                           content_type="application/json")
    assert response.status_code == 400 and {"category", "received_on"} <= set(response.json())
    assert not Clue.objects.exists()


def test_the_loop_over_the_api(client, staff, liaison, procuratorate):
    client.force_login(staff)
    clue_id = client.post("/api/v1/supervision/clues/", NEW_CLUE, content_type="application/json").json()["id"]
    assert client.post(f"/api/v1/supervision/clues/{clue_id}/share/").status_code == 409
    assert client.post(f"/api/v1/supervision/clues/{clue_id}/review/").status_code == 200
    assert client.post(f"/api/v1/supervision/clues/{clue_id}/share/").status_code == 200
    assert client.post(f"/api/v1/supervision/clues/{clue_id}/refer/", {"organs": [procuratorate.pk]},
                       content_type="application/json").status_code == 201
    case = Case.objects.get()
    client.force_login(liaison)
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    response = client.post(f"/api/v1/supervision/cases/{case.pk}/actions/", {
        "kind": "litigation_filed", "occurred_on": today, "outcomes": {"trees": 12, "area_cleared": "30.50"}},
        content_type="application/json")
    assert response.status_code == 201, response.content
    assert sorted((o["kind"], o["count"], o["amount"]) for o in response.json()["outcomes"]) == [
        ("area_cleared", None, "30.50"), ("trees", 12, None)]
    assert client.post(f"/api/v1/supervision/cases/{case.pk}/close/", {"result": "x"},
                       content_type="application/json").status_code == 403
    client.force_login(staff)
    assert client.post(f"/api/v1/supervision/cases/{case.pk}/close/", {"result": "办结"},
                       content_type="application/json").status_code == 200
    assert client.post(f"/api/v1/supervision/clues/{clue_id}/close/", {"result": "办结"},
                       content_type="application/json").status_code == 200


def test_a_case_with_an_inadequate_item_cannot_close_over_the_api(client, staff):
    item = RectificationFactory(status="inadequate", satisfaction="unsatisfied", report="部分整改")
    client.force_login(staff)
    response = client.post(f"/api/v1/supervision/cases/{item.case_id}/close/", {"result": "办结"},
                           content_type="application/json")
    assert response.status_code == 409 and "升级督办" in response.json()["detail"]
    assert Case.objects.get(pk=item.case_id).state == "open"
    CaseFactory()
