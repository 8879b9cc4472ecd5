"""The draw as people meet it: published list and commitment, the public input entered in the
room, the page's own snippet reproducing the result, refusals, and a redraw that keeps the earlier."""

import html
import re

import pytest
from django.urls import reverse

from appointees.models import Draw, DrawStatus
from appointees.services import draw_commit, draw_redo, draw_reveal
from appointees.tests.factories import AppointeeFactory, member_user
from congress.errors import DomainError, NotPermitted, StateConflict
from congress.tests.factories import deputy_user

pytestmark = pytest.mark.django_db


def snippet_of(page: str) -> str:
    match = re.search(r'<code id="verify-snippet">(.*?)</code>', page, re.S)
    assert match, "the draw page publishes a verification snippet"
    return html.unescape(match.group(1))


def test_the_published_snippet_reproduces_the_draw(client, staff, heads, meeting):
    draw = draw_commit(year=2020, k=6, meeting=meeting, created_by=staff)
    page = client.get(reverse("appointees:draw-detail", args=[draw.pk])).content.decode()
    assert draw.commitment in page
    assert draw.secret.secret_hex not in page, "the secret stays hidden until the draw"
    assert all(head.code in page for head in heads)

    draw_reveal(draw=draw, public_input="3 6 1 1 5", entered_by=member_user())
    page = client.get(reverse("appointees:draw-detail", args=[draw.pk])).content.decode()
    namespace = {}
    exec(snippet_of(page), namespace)  # noqa: S102 - the very program a citizen would run

    draw.refresh_from_db()
    assert namespace["drawn"] == draw.result
    assert len(draw.result) == 6 and set(draw.result) <= {h.code for h in heads}
    assert namespace["candidates"] == sorted(h.code for h in heads)
    assert namespace["commitment"] == draw.commitment and namespace["public_input"] == "3 6 1 1 5"
    for text in (draw.revealed_secret, "portal-draw-v1", "3 6 1 1 5"):
        assert text in page
    drawn_list = re.search(r'<ol id="drawn">(.*?)</ol>', page, re.S).group(1)
    assert re.findall(r"<code>([^<]+)</code>", drawn_list) == draw.result


def test_only_department_heads_in_office_on_the_meeting_day_are_candidates(staff, meeting, heads):
    from datetime import date

    AppointeeFactory(code="GONE-1", left_office=date(2020, 12, 31))
    AppointeeFactory(code="LATE-1", took_office=date(2021, 5, 1))
    AppointeeFactory(code="FQ-1", category="deputy_district_head")
    draw = draw_commit(year=2020, meeting=meeting, created_by=staff)
    assert draw.candidate_codes == sorted(h.code for h in heads)


def test_a_secret_that_does_not_match_the_commitment_is_refused(staff, heads, meeting):
    draw = draw_commit(year=2020, meeting=meeting, created_by=staff)
    with pytest.raises(DomainError, match="承诺值|commitment"):
        draw_reveal(draw=draw, public_input="1 2 3", entered_by=staff, secret_hex="ab" * 32)
    draw.refresh_from_db()
    assert (draw.status, draw.result, draw.revealed_secret, draw.public_input) == (DrawStatus.COMMITTED, [], "", "")


def test_a_tampered_stored_secret_is_refused_on_the_page(client, staff, heads, meeting):
    draw = draw_commit(year=2020, meeting=meeting, created_by=staff)
    draw.secret.secret_hex = "cd" * 32
    draw.secret.save()
    client.force_login(staff)
    response = client.post(reverse("appointees:draw-reveal", args=[draw.pk]), {"public_input": "4 4 2"})
    assert response.status_code == 400
    assert "承诺值" in response.content.decode() or "commitment" in response.content.decode()
    assert Draw.objects.get(pk=draw.pk).status == DrawStatus.COMMITTED


def test_who_may_draw(client, staff, heads, meeting):
    draw = draw_commit(year=2020, meeting=meeting, created_by=staff)
    with pytest.raises(NotPermitted):
        draw_reveal(draw=draw, public_input="1", entered_by=deputy_user())
    with pytest.raises(NotPermitted):
        draw_commit(year=2021, meeting=meeting, created_by=member_user())
    with pytest.raises(DomainError):
        draw_reveal(draw=draw, public_input="   ", entered_by=staff)
    draw_reveal(draw=draw, public_input="6", entered_by=member_user())
    with pytest.raises(StateConflict):
        draw_reveal(draw=draw, public_input="5", entered_by=staff)
    with pytest.raises(StateConflict):
        draw_commit(year=2020, meeting=meeting, created_by=staff)


def test_more_than_the_candidates_is_refused(staff, heads, meeting):
    with pytest.raises(DomainError, match="10"):
        draw_commit(year=2020, k=11, meeting=meeting, created_by=staff)
    assert not Draw.objects.exists()


def test_a_redraw_needs_a_reason_and_keeps_the_earlier_draw(client, staff, heads, meeting):
    first = draw_commit(year=2020, meeting=meeting, created_by=staff)
    draw_reveal(draw=first, public_input="2 2 2", entered_by=staff)
    with pytest.raises(DomainError):
        draw_redo(draw=first, reason="  ", created_by=staff)

    second = draw_redo(draw=first, reason="候选名单有误", created_by=staff)

    first.refresh_from_db()
    assert first.status == DrawStatus.REVEALED and first.superseded_at is not None and first.result
    assert second.replaces == first and second.commitment != first.commitment
    with pytest.raises(StateConflict):
        draw_reveal(draw=first, public_input="1", entered_by=staff)
    with pytest.raises(StateConflict):
        draw_redo(draw=first, reason="again", created_by=staff)

    old_page = client.get(reverse("appointees:draw-detail", args=[first.pk])).content.decode()
    assert "候选名单有误" in old_page and first.revealed_secret in old_page
    namespace = {}
    exec(snippet_of(old_page), namespace)  # noqa: S102
    assert namespace["drawn"] == first.result
    year_page = client.get(reverse("appointees:draw-list"), {"year": 2020}).content.decode()
    assert str(first) in year_page and str(second) in year_page
    api = client.get(reverse("appointees-api:draws"), {"year": 2020}).json()["results"]
    assert {row["id"] for row in api} == {first.pk, second.pk}
    assert next(r for r in api if r["id"] == second.pk)["revealed_secret"] == ""


def test_the_draw_through_the_api(client, staff, heads, meeting):
    client.force_login(staff)
    created = client.post(reverse("appointees-api:draw-commit"), {"year": 2020, "k": 3, "meeting": meeting.pk},
                          content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["revealed_secret"] == "" and created.json()["verification_snippet"] == ""
    pk = created.json()["id"]
    client.force_login(member_user())
    revealed = client.post(reverse("appointees-api:draw-reveal", args=[pk]), {"public_input": "5 5"},
                           content_type="application/json")
    assert revealed.status_code == 200, revealed.content
    namespace = {}
    exec(revealed.json()["verification_snippet"], namespace)  # noqa: S102
    assert namespace["drawn"] == revealed.json()["result"]
    again = client.post(reverse("appointees-api:draw-reveal", args=[pk]), {"public_input": "1"},
                        content_type="application/json")
    assert again.status_code == 409
    redo = client.post(reverse("appointees-api:draw-redo", args=[pk]), {"reason": "x"},
                       content_type="application/json")
    assert redo.status_code == 403
