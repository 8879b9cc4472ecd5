"""Property-based fuzzing of the whole API against its live schema (schemathesis): every operation
of every app, as an anonymous caller, a deputy and office staff, with valid and invalid input.
Not one answer may be a server error or differ from the schema (status code, content type,
body). New apps' endpoints are covered as soon as they are in /api/schema/.

FUZZ_EXAMPLES (env, default 15) examples per operation and role: 48 operations × 3 roles × 15
≈ 2,100 cases; the figures line at the end of the run says how many were made."""

from __future__ import annotations

import os
from datetime import date

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings
from schemathesis import checks as st_checks

from congress.testing import figures

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
ROLES = ["anonymous", "deputy", "staff"]
CHECKS = [st_checks.not_a_server_error, st_checks.status_code_conformance, st_checks.content_type_conformance,
          st_checks.response_schema_conformance]


@pytest.fixture(scope="module")
def portal_data(django_db_setup, django_db_blocker):
    """A small district with something in every workflow state, kept for the module and rolled
    back at its end (each example's writes are rolled back with the test that made them)."""
    from rest_framework.authtoken.models import Token

    from congress.periods import Quarter
    from congress.services import quarter_publish
    from congress.tests.factories import DeputyFactory, deputy_user, staff_user
    from points.defaults import ensure_default_rules
    from points.models import PointRule, PointRuleVersion
    from points.tests.factories import small_district
    from suggestions.tests.factories import handling, submitted_suggestion

    # The WSGI handler closes the connection after each request; like Django's test client, keep it
    # open so every request runs inside the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            ensure_default_rules(PointRule, PointRuleVersion)
            rules = {rule.code: rule for rule in PointRule.objects.all()}
            staff = staff_user()
            d1, _d2, _d3 = small_district(rules, staff)
            deputy = deputy_user(d1)
            for stage in ("awaiting_reply", "reply_submitted", "reply_graded", "implementation_reported",
                          "evaluated"):
                handling(stage=stage, lead_deputy=d1)
            submitted_suggestion(lead_deputy=DeputyFactory())
            quarter_publish(quarter=Quarter(2020, 4))
            tokens = {"anonymous": None, "deputy": Token.objects.create(user=deputy).key,
                      "staff": Token.objects.create(user=staff).key}
            yield tokens
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def _live_schema():
    """The schema the portal serves, read through its WSGI application (no database needed)."""
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


schema = _live_schema()


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
# Generated cases only (valid and invalid input, no shrinking): schemathesis's extra "coverage"
# examples would triple the run time of `make test`.
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_input_breaks_the_api(case, role, portal_data, db):
    token = portal_data[role]
    # The in-process client does not undo gzip as an HTTP client would: ask for plain bodies.
    headers = {"Accept-Encoding": "identity", **({"Authorization": f"Token {token}"} if token else {})}
    figures.add("fuzz cases")
    response = case.call(headers=headers)
    if response.status_code >= 500:
        figures.add("fuzz server errors")
    try:
        case.validate_response(response, checks=CHECKS, headers=headers)
    except Exception:
        if response.status_code < 500:
            figures.add("fuzz schema failures")
        raise


def test_the_fuzzed_data_is_there(portal_data, db):
    """The examples reach real records, not only empty lists."""
    from points.models import LedgerEntry
    from suggestions.models import Handling

    assert Handling.objects.count() >= 5 and LedgerEntry.objects.filter(occurred_on__gte=date(2020, 1, 1)).exists()
