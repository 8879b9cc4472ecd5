"""factory_boy factories of the livelihood projects, on top of congress.tests.factories."""

from datetime import date
from decimal import Decimal

import factory

from congress.tests.factories import (  # noqa: F401 - re-exported for tests
    DeputyFactory,
    OrganizationFactory,
    TermFactory,
    deputy_user,
    staff_user,
)
from projects import models


class KeyProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.KeyProject
        skip_postgeneration_save = True

    year = 2020
    title = factory.Sequence(lambda n: f"民生实事项目{n}")
    description = "项目说明"
    lead_unit = factory.SubFactory(OrganizationFactory)
    budget = Decimal("500.00")
    planned_start = date(2020, 3, 1)
    planned_end = date(2020, 12, 31)


def ballot_with(candidates: int = 5, seats: int = 2, voters: int = 5, status: str = "draft", staff=None):
    """A ballot of 2020 on `candidates` new projects for `seats` seats, and `voters` deputies of
    its term with logins; opened when status is "open". Returns (ballot, [deputy users])."""
    from projects.services import ballot_create, ballot_open

    staff = staff or staff_user()
    term = TermFactory()
    users = [deputy_user(DeputyFactory(term=term)) for _ in range(voters)]
    projects = KeyProjectFactory.create_batch(candidates)
    ballot = ballot_create(year=2020, term=term, seats=seats, projects=projects, created_by=staff)
    if status == "open":
        ballot = ballot_open(ballot=ballot, opened_by=staff)
    return ballot, users


def paper(ballot, *approve, oppose=()):
    """A complete paper: approve the given positions (1-based), oppose those in `oppose`, abstain on the rest."""
    paper = {}
    for candidacy in ballot.candidacies.order_by("order"):
        paper[candidacy.pk] = ("approve" if candidacy.order in approve else
                               "oppose" if candidacy.order in oppose else "abstain")
    return paper
