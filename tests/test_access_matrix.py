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
        slowest = sorted(result.seconds.items(), key=lambda item: -item[1])
        Path(draft, f"{app}.seconds.txt").write_text("".join(f"{sec:7.2f} {name}\n" for name, sec in slowest))
    problems = []
    if result.undeclared:
        problems.append(f"routes with no declared access in {app}/tests/access.py: {result.undeclared}")
    if result.unresolved:
        problems.append(f"routes taking an object with no Target in {app}/tests/access.py objects(): "
                        f"{result.unresolved}")
    if result.leaks:
        problems.append(f"allowed where the table denies ({len(result.leaks)}):\n" + "\n".join(result.leaks))
    other = [line for line in result.mismatches if line not in result.leaks]
    if other:
        problems.append(f"other outcomes unlike the table ({len(other)}):\n" + "\n".join(other))
    assert not problems, f"{app}: " + "\n".join(problems)
