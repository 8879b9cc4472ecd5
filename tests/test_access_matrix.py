"""The authorization matrix: every route (site, API, back office) × every role × own and others'
objects × each method, against the table each app declares in `<app>/tests/access.py`
(congress.access_matrix). A route with no declared expectation fails here, by name.

`ACCESS_MATRIX_DRAFT=<folder>` writes, per app, the table the run observed: a starting point for
a new app's table, to be read line by line before it is trusted."""

import os
import pprint
from pathlib import Path

import pytest
from django.conf import settings

from congress.access_matrix import build_world, draft_rule, load_table, run_app
from congress.testing import figures

APPS = ["congress", *settings.DOMAIN_APPS]


@pytest.mark.parametrize("app", APPS)
def test_every_route_answers_every_role_as_its_app_declares(app, db):
    table = load_table(app)
    world = build_world()
    targets = table.objects(world)
    result = run_app(app, world=world, access=table.ACCESS, targets=targets,
                     draft=bool(os.environ.get("ACCESS_MATRIX_DRAFT")))
    figures.add("access cases", result.cases)
    figures.add("access leaks", len(result.leaks))
    draft = os.environ.get("ACCESS_MATRIX_DRAFT")
    if draft:
        by_route: dict = {}
        for (name, role, ownership, method), outcome in result.observed.items():
            by_route.setdefault(name, {})[(role, ownership, method)] = outcome
        rules = {name: draft_rule(observed) for name, observed in sorted(by_route.items())}
        Path(draft, f"{app}.py").write_text("ACCESS = " + pprint.pformat(rules, width=118, sort_dicts=False) + "\n")
    assert not result.undeclared, f"{app}: routes with no declared access in {app}/tests/access.py: " \
                                  f"{result.undeclared}"
    assert not result.unresolved, f"{app}: routes taking an object with no Target in {app}/tests/access.py " \
                                  f"objects(): {result.unresolved}"
    assert not result.leaks, f"{app}: allowed where the table denies ({len(result.leaks)}):\n" + \
        "\n".join(result.leaks)
    assert not result.mismatches, f"{app}: outcomes unlike the table ({len(result.mismatches)}):\n" + \
        "\n".join(result.mismatches)
