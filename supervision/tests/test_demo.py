"""The demo history reproduces the seed's figures through the portal's own statistics, includes
the idle-land story, and a second run adds nothing."""

import random
from decimal import Decimal

import pytest

from congress.demo import seed_registry
from supervision import selectors
from supervision.demo import seed_supervision
from supervision.models import ActionKind, Clue, ClueReporter, Rectification

pytestmark = pytest.mark.django_db


def test_demo_statistics_show_the_seeds_figures(settings):
    messages = []
    seed_registry(rng=random.Random("registry"), progress=messages.append)
    seed_supervision(rng=random.Random("supervision"), progress=messages.append)
    assert any("idle-land" in m for m in messages)

    by_source = {row["key"]: row for row in selectors.clue_counts_by_source()}
    assert by_source["total"]["public_interest"].value == 277
    assert by_source["deputy"]["public_interest"].value == 25
    actions = {row["kind"]: row["total"].value for row in selectors.action_counts_by_kind_and_category()["rows"]}
    assert actions[ActionKind.LITIGATION_FILED] == 201
    assert actions[ActionKind.PROCURATORIAL_SUGGESTION] == 73
    totals = selectors.outcome_totals()
    assert (totals["land_parcels"], totals["trees"], totals["area_cleared"]) == (3, 1455, Decimal("530.00"))
    audit = next(row for row in selectors.outcome_sums(by="organ") if row["group"] == "区审计局")
    assert (audit["problems"], audit["assets_recovered"], audit["rules"]) == (56, Decimal("2732800.00"), 27)

    idle = Clue.objects.get(title="已出让土地闲置未开发且到期未依法回收")
    assert idle.source == "audit" and idle.state == "closed"
    kinds = {(case.organ.kind, action.kind) for case in idle.cases.all() for action in case.actions.all()}
    assert ("procuratorate", ActionKind.PROCURATORIAL_OPINION) in kinds
    assert ("audit_bureau", ActionKind.WORK_REPORT_HEARING) in kinds  # the escalation of the inadequate item
    assert idle.cases.get(organ__kind="procuratorate").actions.get().outcomes.get().count == 1
    assert ClueReporter.objects.filter(deputy__isnull=False).exists()
    assert Rectification.objects.filter(unit__name="区教育局", status="open").exists()  # for the `unit` login

    count = Clue.objects.count()
    seed_supervision(rng=random.Random("supervision"), progress=messages.append)
    assert Clue.objects.count() == count
