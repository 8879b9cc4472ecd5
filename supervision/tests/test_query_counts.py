"""Every list page and endpoint runs the same number of queries for 10 and for 100 clues."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress.tests.factories import OrganizationFactory, staff_user, unit_user
from supervision.models import (
    ActionKind,
    Actor,
    Case,
    CaseAction,
    Clue,
    ClueReporter,
    Outcome,
    OutcomeKind,
    Rectification,
)
from supervision.tests.factories import organ, organ_user

pytestmark = pytest.mark.django_db


def make_rows(n: int, *, procuratorate, unit, offset: int) -> None:
    """n shared, referred clues, each with a case, two actions with outcomes and a rectification."""
    clues = Clue.objects.bulk_create([
        Clue(number=f"XS2020-{offset + i:04d}", received_on=date(2020, 3, 1), source="citizen",
             category=["land", "ecology", "food_drug"][i % 3], public_interest=True, title=f"线索{offset + i}",
             description="……", state="referred", shared_on=date(2020, 3, 5))
        for i in range(n)])
    ClueReporter.objects.bulk_create([ClueReporter(clue=c, name="王某", phone="13800000000") for c in clues])
    cases = Case.objects.bulk_create([Case(clue=c, organ=procuratorate, referred_on=date(2020, 3, 10))
                                      for c in clues])
    actions = CaseAction.objects.bulk_create(
        [CaseAction(case=c, kind=kind, actor=Actor.PROCURATORATE, occurred_on=date(2020, 4, 1 + i % 20))
         for i, c in enumerate(cases)
         for kind in (ActionKind.LITIGATION_FILED, ActionKind.JUDGMENT)])
    Outcome.objects.bulk_create([Outcome(action=a, kind=OutcomeKind.TREES, count=3) for a in actions]
                                + [Outcome(action=a, kind=OutcomeKind.ASSETS_RECOVERED, amount="10.05")
                                   for a in actions])
    Rectification.objects.bulk_create([Rectification(case=c, unit=unit, requirement="整改", deadline=date(2030, 1, 1))
                                       for c in cases])


PAGES = [
    ("anonymous", lambda ids: reverse("supervision:statistics")),
    ("anonymous", lambda ids: reverse("supervision:statistics") + "?year=2020"),
    ("anonymous", lambda ids: reverse("supervision:table", args=["sources"]) + "?format=csv"),
    ("anonymous", lambda ids: reverse("supervision:table", args=["actions"]) + "?format=json"),
    ("anonymous", lambda ids: reverse("supervision:table", args=["outcomes"]) + "?format=xlsx"),
    ("anonymous", lambda ids: "/api/v1/supervision/statistics/"),
    ("anonymous", lambda ids: "/"),
    ("staff", lambda ids: reverse("supervision:clue-list")),
    ("staff", lambda ids: reverse("supervision:organ-home")),
    ("staff", lambda ids: reverse("supervision:rectification-list")),
    ("staff", lambda ids: reverse("supervision:clue-detail", args=[ids["clue"]])),
    ("staff", lambda ids: reverse("supervision:case-detail", args=[ids["case"]])),
    ("staff", lambda ids: "/api/v1/supervision/clues/"),
    ("staff", lambda ids: "/api/v1/supervision/cases/"),
    ("staff", lambda ids: "/api/v1/supervision/rectifications/"),
    ("staff", lambda ids: reverse("admin:supervision_clue_changelist")),
    ("staff", lambda ids: reverse("admin:supervision_case_changelist")),
    ("staff", lambda ids: reverse("admin:supervision_rectification_changelist")),
    ("staff", lambda ids: reverse("admin:supervision_caseaction_changelist")),
    ("organ", lambda ids: reverse("supervision:clue-list")),
    ("organ", lambda ids: reverse("supervision:organ-home")),
    ("organ", lambda ids: "/api/v1/supervision/cases/"),
    ("unit", lambda ids: reverse("supervision:rectification-list")),
    ("unit", lambda ids: "/api/v1/supervision/rectifications/"),
]


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_query_count_does_not_grow_with_clues(client, who, url):
    procuratorate, unit = organ(), OrganizationFactory()
    users = {"staff": staff_user(), "organ": organ_user(procuratorate), "unit": unit_user(unit)}
    counts = []
    for size, offset in ((10, 0), (90, 10)):  # 10 clues, then 100
        make_rows(size, procuratorate=procuratorate, unit=unit, offset=offset)
        if who != "anonymous":
            client.force_login(users[who])
        ids = {"clue": Clue.objects.order_by("pk").first().pk, "case": Case.objects.order_by("pk").first().pk}
        target = url(ids)
        count(client, target)  # warm caches (content types, sessions)
        counts.append(count(client, target))
    assert Clue.objects.count() == 100
    assert counts[0] == counts[1], f"{target}: {counts}"
