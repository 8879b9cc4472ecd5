"""Once a deputy has submitted a suggestion, the back office cannot rewrite their words or the
lead deputy, nor delete it with its co-signatures, handlings and grades; a draft stays editable."""

import pytest

from congress.tests.factories import DeputyFactory, staff_user
from suggestions.models import Suggestion
from suggestions.tests.factories import SuggestionFactory, submitted_suggestion

pytestmark = pytest.mark.django_db


def test_a_submitted_suggestions_words_are_read_only(client):
    suggestion = submitted_suggestion(title="加快老旧小区改造", content="原文")
    client.force_login(staff_user())
    page = client.get(f"/admin/suggestions/suggestion/{suggestion.pk}/change/").content.decode()
    assert 'name="title"' not in page and 'name="content"' not in page and "加快老旧小区改造" in page
    assert 'name="category"' in page  # the office's own classification stays editable
    client.post(f"/admin/suggestions/suggestion/{suggestion.pk}/change/", {
        "title": "改写", "content": "改写", "lead_deputy": DeputyFactory().pk, "category": suggestion.category})
    kept = Suggestion.objects.get(pk=suggestion.pk)
    assert (kept.title, kept.content, kept.lead_deputy_id) == ("加快老旧小区改造", "原文", suggestion.lead_deputy_id)


def test_only_a_draft_can_be_deleted(client):
    submitted, draft = submitted_suggestion(), SuggestionFactory()
    client.force_login(staff_user())
    assert client.get(f"/admin/suggestions/suggestion/{submitted.pk}/delete/").status_code == 403
    client.post("/admin/suggestions/suggestion/", {"action": "delete_selected", "post": "yes",
                                                   "_selected_action": [submitted.pk]})
    assert Suggestion.objects.filter(pk=submitted.pk).exists()
    client.post(f"/admin/suggestions/suggestion/{draft.pk}/delete/", {"post": "yes"})
    assert not Suggestion.objects.filter(pk=draft.pk).exists()
