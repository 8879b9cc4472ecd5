"""The API offers the whole workflow with the same scoping; errors are JSON per field."""

from datetime import date

import pytest

from congress.tests.factories import DeputyFactory, OrganizationFactory, deputy_user, staff_user, unit_user
from suggestions.models import Evaluation, Handling, Suggestion
from suggestions.tests.factories import handling, submitted_suggestion

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_the_whole_workflow_through_the_api(client):
    lead = DeputyFactory()
    deputy_login, staff = deputy_user(lead), staff_user()
    unit = OrganizationFactory(name="区交通运输局")

    client.force_login(deputy_login)
    created = post(client, "/api/v1/suggestions/suggestions/", {"title": "优化公交线路", "content": "建议……",
                                                                 "category": "transport"})
    assert created.status_code == 201 and created.json()["state"] == "draft"
    pk = created.json()["id"]
    assert post(client, f"/api/v1/suggestions/suggestions/{pk}/submit/").json()["state"] == "submitted"

    cosigner = DeputyFactory()
    client.force_login(deputy_user(cosigner))
    open_ids = [row["id"] for row in client.get("/api/v1/suggestions/open-for-cosigning/").json()["results"]]
    assert pk in open_ids
    assert post(client, f"/api/v1/suggestions/open-for-cosigning/{pk}/cosign/").json()["deputy_id"] == cosigner.pk

    client.force_login(staff)
    assert post(client, f"/api/v1/suggestions/suggestions/{pk}/register/").json()["number"].endswith("-001")
    assigned = post(client, f"/api/v1/suggestions/suggestions/{pk}/assign/",
                    {"units": [{"organization": unit.pk, "role": "lead"}]})
    assert assigned.json()["state"] == "assigned"
    handling_id = assigned.json()["handlings"][0]["id"]

    client.force_login(unit_user(unit))
    assert post(client, f"/api/v1/suggestions/handlings/{handling_id}/reply/", {"content": "答复"}).status_code == 201
    client.force_login(deputy_login)
    graded = post(client, f"/api/v1/suggestions/handlings/{handling_id}/grade/", {"stage": "reply", "grade": "A+"})
    assert graded.status_code == 201 and graded.json()["on_behalf_of_deputy"] is False
    client.force_login(unit_user(unit))
    post(client, f"/api/v1/suggestions/handlings/{handling_id}/report-implementation/", {"content": "已落实"})
    client.force_login(staff)
    graded = post(client, f"/api/v1/suggestions/handlings/{handling_id}/grade/",
                  {"stage": "implementation", "grade": "A"})
    assert graded.json()["on_behalf_of_deputy"] is True
    detail = client.get(f"/api/v1/suggestions/handlings/{handling_id}/").json()
    assert (detail["final_score"], detail["final_level"], detail["state"]) == ("94.00", "satisfied", "evaluated")
    assert [e["grade"] for e in detail["evaluations"]] == ["A+", "A"]


def test_a_co_signer_cannot_grade_and_an_outsider_gets_404(client):
    h = handling(stage="reply_submitted")
    cosigner = DeputyFactory()
    h.suggestion.cosignatures.create(deputy=cosigner)
    client.force_login(deputy_user(cosigner))
    response = post(client, f"/api/v1/suggestions/handlings/{h.pk}/grade/", {"stage": "reply", "grade": "A"})
    assert response.status_code == 403
    assert "lead deputy" in response.json()["detail"] or "领衔代表" in response.json()["detail"]
    client.force_login(deputy_user())
    response = post(client, f"/api/v1/suggestions/handlings/{h.pk}/grade/", {"stage": "reply", "grade": "A"})
    assert response.status_code == 404
    assert not Evaluation.objects.filter(handling=h, stage="reply").exists()


def test_bad_input_gets_a_message_per_field_and_changes_nothing(client):
    h = handling(stage="reply_submitted")
    client.force_login(staff_user())
    response = post(client, f"/api/v1/suggestions/handlings/{h.pk}/grade/", {"stage": "reply", "grade": "D"})
    assert response.status_code == 400 and set(response.json()) == {"grade"}
    response = post(client, f"/api/v1/suggestions/handlings/{h.pk}/grade/", {"stage": "implementation",
                                                                              "grade": "A"})
    assert response.status_code == 409
    assert response.json()["detail"] in ("The implementation cannot be graded now: there is no ungraded report.",
                                         "现在不能评价落实情况：没有待评价的落实情况报告。")
    suggestion = submitted_suggestion()
    response = post(client, f"/api/v1/suggestions/suggestions/{suggestion.pk}/reject/", {"reason": " "})
    assert response.status_code == 400 and "reason" in response.json()
    assert Suggestion.objects.get(pk=suggestion.pk).state == "submitted"
    assert Handling.objects.get(pk=h.pk).state == "reply_submitted"


def test_a_deputy_cannot_register(client):
    suggestion = submitted_suggestion(on=date(2020, 5, 1))
    client.force_login(deputy_user(suggestion.lead_deputy))
    response = post(client, f"/api/v1/suggestions/suggestions/{suggestion.pk}/register/")
    assert response.status_code == 403
    assert Suggestion.objects.get(pk=suggestion.pk).state == "submitted"


def test_statistics_api_is_for_staff(client):
    handling(stage="evaluated", reply="A+", implementation="A+")
    client.force_login(deputy_user())
    assert client.get("/api/v1/suggestions/statistics/?year=2020").status_code == 403
    client.force_login(staff_user())
    body = client.get("/api/v1/suggestions/statistics/?year=2020").json()
    assert (body["district"]["evaluated"], body["district"]["full_mark_replies"]) == (1, 1)


def test_schema_builds_without_warnings(client):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert "/api/v1/suggestions/handlings/{id}/grade/" in schema["paths"]


def test_a_draft_is_edited_through_the_api_and_not_after_submission(client):
    lead = DeputyFactory()
    client.force_login(deputy_user(lead))
    pk = post(client, "/api/v1/suggestions/suggestions/", {"title": "标题", "content": "内容"}).json()["id"]
    edited = post(client, f"/api/v1/suggestions/suggestions/{pk}/edit/", {"title": "新标题", "content": "内容"})
    assert edited.json()["title"] == "新标题"
    post(client, f"/api/v1/suggestions/suggestions/{pk}/submit/")
    refused = post(client, f"/api/v1/suggestions/suggestions/{pk}/edit/", {"title": "再改", "content": "内容"})
    assert refused.status_code == 409 and Suggestion.objects.get(pk=pk).title == "新标题"
