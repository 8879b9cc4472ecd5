"""Public pages show only what staff published, never unpublished fields or private data."""

import json

import pytest
from django.urls import reverse

from congress.tests.factories import DeputyPrivateFactory, OrganizationFactory, staff_user
from suggestions import services
from suggestions.tests.factories import handling, registered_suggestion

pytestmark = pytest.mark.django_db

SECRET_CONTENT = "建议内容：只有工作人员选择公开后才可见"
SECRET_REPLY = "答复正文：未公开"


@pytest.fixture
def published_and_not():
    unit = OrganizationFactory(name="区教育局")
    shown = handling(organization=unit, stage="evaluated", reply="A+", implementation="A", title="增加学位供给",
                     content=SECRET_CONTENT, reply_text=SECRET_REPLY)
    DeputyPrivateFactory(deputy=shown.suggestion.lead_deputy, phone="13912345678")
    services.suggestion_publish(suggestion=shown.suggestion, published_by=staff_user())
    hidden = registered_suggestion(title="尚未公开的建议")
    return shown, hidden


def test_list_and_detail_show_title_units_grades_but_not_unpublished_fields(client, published_and_not):
    shown, hidden = published_and_not
    listing = client.get(reverse("suggestions:list")).content.decode()
    assert "增加学位供给" in listing and "区教育局" in listing and "94" in listing
    assert "尚未公开的建议" not in listing
    page = client.get(reverse("suggestions:detail", args=[shown.suggestion_id])).content.decode()
    assert "增加学位供给" in page and "A+" in page and "94" in page
    for secret in (SECRET_CONTENT, SECRET_REPLY, "13912345678"):
        assert secret not in page
    assert client.get(reverse("suggestions:detail", args=[hidden.pk])).status_code == 404


def test_chosen_parts_appear_once_published(client, published_and_not):
    shown, _hidden = published_and_not
    services.suggestion_publish(suggestion=shown.suggestion, published_by=staff_user(), publish_content=True,
                                publish_replies=True)
    page = client.get(reverse("suggestions:detail", args=[shown.suggestion_id])).content.decode()
    assert SECRET_CONTENT in page and SECRET_REPLY in page


def test_public_api_and_downloads_leave_out_unpublished_fields(client, published_and_not):
    shown, hidden = published_and_not
    listing = client.get("/api/v1/suggestions/published/").json()
    assert [row["title"] for row in listing["results"]] == ["增加学位供给"]
    detail = client.get(f"/api/v1/suggestions/published/{shown.suggestion_id}/").json()
    assert detail["content"] is None and detail["handlings"][0]["replies"] is None
    assert detail["handlings"][0]["final_score"] == "94.00"
    assert client.get(f"/api/v1/suggestions/published/{hidden.pk}/").status_code == 404
    for fmt in ("csv", "json"):
        body = client.get(reverse("suggestions:list") + f"?format={fmt}").content.decode("utf-8-sig")
        assert "增加学位供给" in body and "尚未公开的建议" not in body
        assert SECRET_CONTENT not in body and "13912345678" not in body
    rows = json.loads(client.get(reverse("suggestions:list") + "?format=json").content)
    assert set(rows[0]) == {"number", "year", "title", "category", "lead_deputy", "units", "final_scores"}


def test_filters_and_search(client, published_and_not):
    shown, _hidden = published_and_not
    assert "增加学位供给" in client.get(reverse("suggestions:list") + "?q=学位").content.decode()
    assert "增加学位供给" not in client.get(reverse("suggestions:list") + "?q=河道").content.decode()
    assert "增加学位供给" not in client.get(reverse("suggestions:list") + "?year=2019").content.decode()
    unit_url = reverse("suggestions:list") + f"?unit={shown.organization_id}"
    assert "增加学位供给" in client.get(unit_url).content.decode()


def test_staff_statistics_are_not_public(client, published_and_not):
    response = client.get(reverse("suggestions:statistics"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_deputy_profile_lists_their_published_suggestions(client, published_and_not):
    shown, _hidden = published_and_not
    page = client.get(reverse("deputy-detail", args=[shown.suggestion.lead_deputy_id])).content.decode()
    assert "增加学位供给" in page and "94" in page and "13912345678" not in page
