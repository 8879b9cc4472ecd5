"""Every list page and endpoint runs the same number of queries for 10 and for 100 suggestions."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.models import Publication
from congress.tests.factories import DeputyFactory, OrganizationFactory, deputy_user, staff_user, unit_user
from suggestions.models import (
    Assignment,
    Cosignature,
    Evaluation,
    Handling,
    Reply,
    Suggestion,
    SuggestionState,
)
from suggestions.publication import write_publication_part

pytestmark = pytest.mark.django_db
DAY = date(2020, 3, 1)


def make_rows(n: int, *, unit, deputy, offset: int) -> None:
    """n published, assigned, evaluated suggestions (bulk: the point is the reads)."""
    suggestions = Suggestion.objects.bulk_create([
        Suggestion(number=f"2020-{offset + i:03d}", year=2020, title=f"建议{offset + i}", content="……",
                   lead_deputy=deputy, state=SuggestionState.ASSIGNED, submitted_on=DAY, is_published=True,
                   publish_content=True, publish_replies=True)
        for i in range(n)])
    assignments = Assignment.objects.bulk_create([
        Assignment(suggestion=s, organization=unit, role="lead", assigned_on=DAY, deadline=date(2020, 6, 1))
        for s in suggestions])
    handlings = Handling.objects.bulk_create([
        Handling(assignment=a, suggestion=a.suggestion, organization=unit, deadline=a.deadline, state="evaluated",
                 first_replied_on=DAY, reply_grade="A+", reply_graded_on=DAY, implementation_grade="A",
                 implementation_graded_on=DAY, final_score=94, final_level="satisfied", evaluated_on=DAY)
        for a in assignments])
    Reply.objects.bulk_create([Reply(handling=h, round=1, content="答复", submitted_on=DAY) for h in handlings])
    Evaluation.objects.bulk_create([Evaluation(handling=h, stage=stage, round=1, grade="A", graded_on=DAY)
                                    for h in handlings for stage in ("reply", "implementation")])
    Cosignature.objects.bulk_create([Cosignature(suggestion=s, deputy=DeputyFactory()) for s in suggestions[:3]])


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


PAGES = [
    ("anonymous", lambda: reverse("suggestions:list")),
    ("anonymous", lambda: reverse("suggestions:list") + "?format=csv"),
    ("anonymous", lambda: reverse("suggestions:ranking") + "?year=2020"),
    ("anonymous", lambda: "/api/v1/suggestions/published/"),
    ("anonymous", lambda: "/api/v1/suggestions/ranking/?year=2020"),
    ("anonymous", lambda: "PROFILE"),
    ("deputy", lambda: reverse("suggestions:mine")),
    ("deputy", lambda: reverse("suggestions:cosign-list")),
    ("deputy", lambda: "/api/v1/suggestions/suggestions/"),
    ("unit", lambda: reverse("suggestions:unit-handlings")),
    ("unit", lambda: "/api/v1/suggestions/handlings/"),
    ("staff", lambda: reverse("suggestions:statistics") + "?year=2020"),
    ("staff", lambda: reverse("suggestions:report", args=[2020])),
    ("staff", lambda: reverse("suggestions:workbook", args=[2020])),
    ("staff", lambda: "/api/v1/suggestions/statistics/?year=2020"),
    ("staff", lambda: reverse("admin:suggestions_suggestion_changelist")),
    ("staff", lambda: reverse("admin:suggestions_handling_changelist")),
]


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_query_count_does_not_grow_with_rows(client, who, url):
    unit, deputy = OrganizationFactory(), DeputyFactory()
    users = {"deputy": deputy_user(deputy), "unit": unit_user(unit), "staff": staff_user()}
    counts = []
    for size, offset in ((10, 0), (90, 10)):  # 10 rows, then 100 rows
        make_rows(size, unit=unit, deputy=deputy, offset=offset)
        publication = Publication.objects.create(quarter=f"2020Q{len(counts) + 1}")
        write_publication_part(publication)
        if who != "anonymous":
            client.force_login(users[who])
        target = reverse("deputy-detail", args=[deputy.pk]) if url() == "PROFILE" else url()
        count(client, target)  # warm caches (content types, sessions)
        counts.append(count(client, target))
    assert Suggestion.objects.count() == 100
    assert counts[0] == counts[1], f"{target}: {counts}"
