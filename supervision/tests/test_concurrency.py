"""Races on PostgreSQL: two staff referring a clue to the same organ at once make one case; a
case close racing an evaluation never closes over an item that is not accepted."""

import pytest
from django.db import connections

from congress.errors import StateConflict
from congress.testing import run_in_threads
from supervision import services
from supervision.models import Case
from supervision.tests.factories import SharedClueFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_referrals_to_one_organ_make_one_case(requires_postgres, staff, procuratorate):
    clue = SharedClueFactory()

    def refer():
        try:
            services.clue_refer(clue=clue, organs=[procuratorate], referred_by=staff)
            return "ok"
        except StateConflict:
            return "conflict"
        finally:
            connections.close_all()

    results = run_in_threads(8, refer)
    assert sorted(results) == ["conflict"] * 7 + ["ok"]
    assert Case.objects.filter(clue=clue).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_referral_over_the_api_is_one_201_and_409s(requires_postgres, staff, procuratorate):
    from django.test import Client

    clue = SharedClueFactory()

    def post():
        client = Client()
        client.force_login(staff)
        return client.post(f"/api/v1/supervision/clues/{clue.pk}/refer/", {"organs": [procuratorate.pk]},
                           content_type="application/json").status_code

    assert sorted(run_in_threads(6, post)) == [201] + [409] * 5
    assert Case.objects.filter(clue=clue).count() == 1
