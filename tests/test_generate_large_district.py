"""`manage.py generate_large_district` builds the benchmark district in bulk SQL (PostgreSQL),
every registered app's step included, and the publication then reads it like any other."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from appointees.models import Ballot as RatingBallot
from appointees.models import RatingOfficial, RatingSession
from congress.models import Deputy, Organization
from congress.periods import Quarter
from congress.services import quarter_publish
from liaison.models import Attendance, LivelihoodIssue, Meeting, Station
from points.models import Activity, DeputyPointsSnapshot, LedgerEntry
from projects.models import BallotReceipt, Candidacy, KeyProject, SupervisionMembership
from suggestions.models import Handling, Suggestion

pytestmark = pytest.mark.django_db


def test_a_small_district_is_generated_with_every_step(requires_postgres):
    out = StringIO()
    call_command("generate_large_district", deputies=100, units=5, suggestions=400, ledger=2_000, seed=7,
                 size=["meetings=300", "issues=900", "projects=120", "ratings=2000"], no_publish=True, stdout=out)
    assert Deputy.objects.count() == 100 and Organization.objects.count() == 5
    assert LedgerEntry.objects.count() == 2_000
    # Every generated entry's activity lists its deputy among the participants, and no one else.
    listed = set(Activity.participants.through.objects.values_list("activity_id", "deputy_id"))
    assert listed == set(LedgerEntry.objects.values_list("source_id", "deputy_id"))
    assert Suggestion.objects.filter(is_published=True).exists() and Suggestion.objects.count() == 400
    assert Handling.objects.filter(state="evaluated", final_score__isnull=False).exists()
    assert Station.objects.count() == 220 and Meeting.objects.filter(status="confirmed").count() == 300
    assert not Meeting.objects.filter(attendances__isnull=True).exists()
    assert Attendance.objects.count() >= 300
    assert LivelihoodIssue.objects.count() == 900
    statuses = set(LivelihoodIssue.objects.values_list("status", flat=True))
    assert statuses == {"open", "in_progress", "resolved", "closed"}
    assert KeyProject.objects.count() == 120 and Candidacy.objects.filter(result="elected").count() == 100
    assert BallotReceipt.objects.filter(ballot__year=2020).count() == 90
    assert not Candidacy.objects.exclude(approvals__lte=90).exists()
    assert SupervisionMembership.objects.filter(is_leader=True).count() == 100
    assert RatingSession.objects.filter(status="closed").count() == 10
    ratings = sum(o.satisfied + o.basically_satisfied + o.unsatisfied for o in RatingOfficial.objects.all())
    assert ratings == 2000 and RatingBallot.objects.count() == 50
    assert "points_ledgerentry" in out.getvalue() and "2,000/2,000" in out.getvalue()

    publication = quarter_publish(quarter=Quarter(2025, 4))
    assert DeputyPointsSnapshot.objects.filter(publication=publication).count() == 100

    with pytest.raises(CommandError, match="already has deputies"):
        call_command("generate_large_district", deputies=100, stdout=StringIO())
