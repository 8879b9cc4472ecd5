"""A deputy reads a suggestion before co-signing it: the co-sign page and the API give its text
(a title alone was all they had, and the suggestion's own page is theirs only once signed); a
draft or their own suggestion is not offered."""

import pytest
from django.urls import reverse

from congress.tests.factories import deputy_user
from suggestions.tests.factories import SuggestionFactory, submitted_suggestion

pytestmark = pytest.mark.django_db


def test_the_cosign_page_and_api_give_the_text_to_read(client):
    open_one = submitted_suggestion(title="增设口袋公园", content="建议在碧岭社区闲置地块建设口袋公园。")
    draft = SuggestionFactory(title="草稿建议", content="未提交的内容")
    client.force_login(deputy_user())
    page = client.get(reverse("suggestions:cosign-list")).content.decode()
    assert "增设口袋公园" in page and "建议在碧岭社区闲置地块建设口袋公园。" in page
    assert "未提交的内容" not in page and draft.title not in page
    rows = client.get("/api/v1/suggestions/open-for-cosigning/").json()["results"]
    assert [(row["id"], row["content"]) for row in rows] == [(open_one.pk, "建议在碧岭社区闲置地块建设口袋公园。")]


def test_the_lead_deputy_is_not_offered_their_own(client):
    own = submitted_suggestion(content="自己的建议内容")
    client.force_login(deputy_user(own.lead_deputy))
    assert "自己的建议内容" not in client.get(reverse("suggestions:cosign-list")).content.decode()
