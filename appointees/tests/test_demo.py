"""The demo step: several years, each with 6 drawn oral reporters and 14 rated department heads,
computed by the portal from the records; idempotent."""

import random
from datetime import date

import pytest

from appointees import draw as draw_rules
from appointees.demo import seed_appointees
from appointees.models import Appointee, Ballot, Draw, DutyReport, RatingSession, RatingStatus
from appointees.selectors import overdue_reports, rating_results
from congress.demo import seed_registry

pytestmark = pytest.mark.django_db


def test_each_demo_year_has_six_drawn_and_fourteen_rated():
    messages = []
    seed_registry(rng=random.Random("2020:registry"), progress=messages.append)
    seed_appointees(rng=random.Random("2020:appointees"), progress=messages.append)

    for year in (2017, 2018, 2019, 2020):
        [current] = Draw.objects.current().filter(year=year)
        assert current.is_revealed and len(current.result) == 6
        replay = draw_rules.run(secret_hex=current.revealed_secret, commitment=current.commitment,
                                public_input=current.public_input, candidates=current.candidate_codes, k=6)
        assert replay.drawn == current.result
        [session] = RatingSession.objects.filter(year=year, status=RatingStatus.CLOSED)
        rows = rating_results(session=session)
        assert len(rows) == 14
        assert set(current.result) <= {row["code"] for row in rows}
        ballots = Ballot.objects.filter(session=session).count()
        assert all(row["total"] == ballots for row in rows) and ballots >= 15
    assert Draw.objects.filter(year=2019, superseded_at__isnull=False).exists()
    assert RatingSession.objects.filter(status=RatingStatus.OPEN, members__deputy__code="D1-001").exists()
    assert Draw.objects.current().filter(year=2021, status="committed").exists()
    assert overdue_reports(year=2020, today=date(2021, 4, 1)).exists()
    assert DutyReport.objects.filter(year=2019).count() > 30

    counts = (Appointee.objects.count(), Draw.objects.count(), DutyReport.objects.count(), Ballot.objects.count())
    seed_appointees(rng=random.Random("2020:appointees"), progress=messages.append)
    assert counts == (Appointee.objects.count(), Draw.objects.count(), DutyReport.objects.count(),
                      Ballot.objects.count())
