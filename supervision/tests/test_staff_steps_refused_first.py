"""The office's clue steps with a form (refer, close, dismiss, attach) and the evaluation of a
rectification refuse an organ liaison or a unit handler before their input is judged: 403 with the
reason, nothing changed, whether the form was empty or filled."""

import pytest
from django.urls import reverse

from supervision.models import Clue

pytestmark = pytest.mark.django_db


@pytest.fixture
def referred_clue(client, staff, procuratorate):
    client.force_login(staff)
    client.post(reverse("supervision:clue-new"), {
        "received_on": "2020-04-15", "source": "audit", "category": "land", "title": "已出让土地闲置",
        "description": "到期未依法回收", "reporter_name": "审计组王某", "reporter_phone": "13700000000"})
    clue = Clue.objects.get()
    for step in ("review", "share"):
        client.post(reverse("supervision:clue-step", args=[clue.pk, step]))
    client.post(reverse("supervision:clue-refer", args=[clue.pk]), {"organs": [procuratorate.pk]})
    client.logout()
    return Clue.objects.get()


@pytest.mark.parametrize("step, data", [("clue-close", {}), ("clue-close", {"result": "办结"}),
                                        ("clue-dismiss", {"reason": "不属实"}), ("clue-refer", {})])
def test_an_organ_liaison_is_refused_before_the_form(client, liaison, referred_clue, step, data):
    client.force_login(liaison)
    response = client.post(reverse(f"supervision:{step}", args=[referred_clue.pk]), data)
    assert response.status_code == 403
    assert "只有" in response.content.decode() or "Only" in response.content.decode()
    assert Clue.objects.get().state == referred_clue.state
