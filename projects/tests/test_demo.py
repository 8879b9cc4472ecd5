"""The demo step reproduces the seed's figures, computed by the portal from records: 40 key
projects elected in 2019–2020, 32 completed and 8 carried over; 1,055 micro-projects passed at
87 livelihood deliberation meetings, all completed, over 95 % of deputy proposals shortlisted."""

import random
from datetime import date, timedelta

import pytest

from congress.demo import seed_registry
from congress.models import Community, Street
from points.models import LedgerEntry
from projects import selectors
from projects.demo import seed_projects
from projects.models import Ballot, BallotReceipt, KeyProject, MicroProject

pytestmark = pytest.mark.django_db


def liaison_meetings(count=87):
    """What liaison's demo step (order 14) provides: stations and livelihood deliberation meetings."""
    from liaison.models import Meeting, MeetingKind, Station, StationKind

    for community in Community.objects.select_related("street"):
        Station.objects.create(kind=StationKind.COMMUNITY, name=f"{community.name}联络站", street=community.street,
                               community=community, address="社区党群服务中心")
    for street in Street.objects.all():
        Station.objects.create(kind=StationKind.CENTRAL, name=f"{street.name}中心联络站", street=street,
                               address="街道办事处")
    stations = list(Station.objects.order_by("pk"))
    day = date(2017, 3, 1)
    for index in range(count):
        Meeting.objects.create(kind=MeetingKind.LIVELIHOOD_DELIBERATION, station=stations[index % len(stations)],
                               held_on=day, residents_present=40)
        day += timedelta(days=18)


def run(progress=lambda message: None):
    seed_projects(rng=random.Random(2021), progress=progress)


def test_the_demo_reproduces_the_seeds_figures_and_is_idempotent():
    seed_registry(rng=random.Random(1), progress=lambda message: None)
    liaison_meetings()
    lines = []
    run(lines.append)

    totals = selectors.key_project_totals(first_year=2019, last_year=2020)
    assert (totals["elected"], totals["completed"], totals["carried_over"]) == (40, 32, 8)
    by_year = {row["year"]: row for row in selectors.key_project_statistics(years=[2019, 2020])}
    assert by_year[2019]["elected"] == by_year[2020]["elected"] == 20

    district = selectors.micro_statistics(level="district")[0]
    assert district["passed"] == 1055
    assert district["meetings"] == 87
    assert district["completion_rate"] == 1
    assert district["deputy_shortlisted_rate"] > 0.95

    # the 2021 ballot tied at its cut-off: its run-off is open for the deputies
    runoff = Ballot.objects.get(year=2021, runoff_of__isnull=False)
    assert (runoff.status, runoff.seats, runoff.candidacies.count()) == ("open", 1, 2)
    # inspections earned points through the ledger
    assert LedgerEntry.objects.filter(rule__code="project_inspection").exists()
    assert any("1055" in line for line in lines)

    counts = (KeyProject.objects.count(), MicroProject.objects.count(), BallotReceipt.objects.count(),
              LedgerEntry.objects.count())
    run()
    assert (KeyProject.objects.count(), MicroProject.objects.count(), BallotReceipt.objects.count(),
            LedgerEntry.objects.count()) == counts
