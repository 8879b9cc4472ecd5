"""The back office: imports through the real admin view are all or nothing; actions call the
services and report refusals; workflow fields cannot be typed in."""

import io
import re

import pytest
from django.utils.html import strip_tags

from congress.tests.factories import DeputyFactory, staff_user
from suggestions.models import Suggestion
from suggestions.tests.factories import SuggestionFactory, submitted_suggestion

pytestmark = pytest.mark.django_db
HEADER = "number,year,title,content,category,session,lead_deputy,state,submitted_on"


def upload(client, text, encoding="gbk"):
    file = io.BytesIO(text.encode(encoding))
    file.name = "suggestions.csv"
    return client.post("/admin/suggestions/suggestion/import/", {"resource": "0", "format": "0",
                                                                  "import_file": file})


def test_an_admin_import_with_a_bad_row_imports_nothing_and_names_the_line(client):
    DeputyFactory(code="D1-009")
    client.force_login(staff_user())
    response = upload(client, "\r\n".join([
        HEADER,
        "2019-001,2019,加快老旧小区改造,内容,urban,,D1-009,submitted,2019-01-10",
        "2019-002,2019,增设公交站台,内容,transport,,D1-999,submitted,2019-01-10",
        "2019-003,2019,推进垃圾分类,内容,environment,,D1-009,submitted,2019-01-10",
    ]) + "\r\n")
    text = re.sub(r"\s+", " ", strip_tags(response.content.decode()))
    assert Suggestion.objects.count() == 0
    assert "confirm_form" not in response.context
    assert re.search(r"(?:^| )3 \d+ lead_deputy", text), text
    assert "D1-999" in text


def test_a_good_gbk_file_previews_every_row(client):
    DeputyFactory(code="D1-009")
    client.force_login(staff_user())
    response = upload(client, HEADER + "\r\n2019-001,2019,加快老旧小区改造,内容,urban,,D1-009,submitted,2019-01-10\r\n")
    assert "confirm_form" in response.context and "加快老旧小区改造" in response.content.decode()
    assert Suggestion.objects.count() == 0  # the preview is a dry run


def test_the_register_action_calls_the_service_and_reports_refusals(client):
    first, second = submitted_suggestion(), SuggestionFactory()  # the second is still a draft
    client.force_login(staff_user())
    response = client.post("/admin/suggestions/suggestion/", {
        "action": "register_selected", "_selected_action": [first.pk, second.pk]}, follow=True)
    page = response.content.decode()
    assert "已立案 1 件建议。" in page and "只有已提交的建议才能立案。" in page
    assert Suggestion.objects.get(pk=first.pk).state == "registered"
    assert Suggestion.objects.get(pk=second.pk).state == "draft"


def test_workflow_fields_are_read_only_in_the_admin(client):
    suggestion = submitted_suggestion()
    client.force_login(staff_user())
    form = client.get(f"/admin/suggestions/suggestion/{suggestion.pk}/change/").context["adminform"].form
    assert "state" not in form.fields and "is_published" not in form.fields and "number" not in form.fields
    assert "category" in form.fields
