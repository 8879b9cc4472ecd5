"""Field-level rights: no input serializer or form lets a deputy or a unit handler write points, a
status/state, a score/grade, authorship or another user's id. Such fields exist only on inputs
that a guard keeps for staff (or for the station staff who record who attended), listed below
with the guard that refuses everyone else; the requests at the end show it."""

import importlib
import inspect

import pytest
from django import forms
from django.conf import settings
from rest_framework import serializers

from congress.tests.factories import DeputyFactory, OrganizationFactory, deputy_user, unit_user

FORBIDDEN = {"points", "status", "state", "score", "scores", "grade", "grades", "reply_grade",
             "implementation_grade", "satisfaction", "evaluation", "result", "approvals", "deputy", "author",
             "lead_deputy", "created_by", "submitted_by", "recorded_by", "entered_by", "user", "owner"}

# Inputs that carry such a field, and why a deputy or a unit handler never writes it through them.
GUARDED = {
    "liaison.api.TopicInput": {"lead_deputy"},        # station staff or office staff (require_station_staff)
    "liaison.forms.TopicForm": {"lead_deputy"},       # same
    "liaison.forms.ReceptionForm": {"deputy"},        # same: who received the visitors
    "liaison.forms.FollowerForm": {"deputy"},         # same: the deputy following an issue
    "suggestions.api.SuggestionInput": {"lead_deputy"},  # staff only; a deputy leads their own (refused below)
    "suggestions.api.CosignInput": {"deputy"},        # the deputy themself only (require_deputy(user, deputy))
    "suggestions.api.GradeInput": {"grade"},          # staff only (handling_grade: require_staff)
    "suggestions.forms.GradeForm": {"grade"},         # same
    "supervision.api.SupervisionResultInput": {"result"},  # staff only (clue_close / case_close)
    "supervision.forms.ResultForm": {"result"},       # same
    "supervision.forms.EvaluateForm": {"satisfaction"},  # staff only (rectification_evaluate)
}


def _inputs():
    for app in ["congress", *settings.DOMAIN_APPS]:
        for part in ("api", "forms"):
            try:
                module = importlib.import_module(f"{app}.{part}")
            except ImportError:
                continue
            for name, cls in vars(module).items():
                if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                    continue
                if issubclass(cls, serializers.BaseSerializer):
                    if name.endswith(("Output", "Params")):
                        continue  # answers and query filters: never written
                    fields = {n for n, f in cls().fields.items() if not f.read_only}
                elif issubclass(cls, forms.BaseForm):
                    if "Filter" in name:
                        continue
                    fields = set(cls.base_fields)
                else:
                    continue
                yield f"{module.__name__}.{name}", fields


def test_no_input_writes_a_forbidden_field_unless_a_guard_keeps_it_for_staff():
    found = {name: fields & FORBIDDEN for name, fields in _inputs() if fields & FORBIDDEN}
    unexpected = {name: sorted(hits - GUARDED.get(name, set())) for name, hits in found.items()
                  if hits - GUARDED.get(name, set())}
    assert not unexpected, f"inputs that let a user write a forbidden field: {unexpected}"


@pytest.mark.django_db
def test_a_deputy_cannot_name_another_lead_deputy(client):
    from suggestions.models import Suggestion

    login = deputy_user()
    other = DeputyFactory()
    client.force_login(login)
    response = client.post("/api/v1/suggestions/suggestions/",
                           {"title": "建议", "content": "内容", "lead_deputy": other.pk,
                            "status": "registered", "state": "registered", "author": other.pk},
                           content_type="application/json")
    assert response.status_code in (201, 400, 403)
    assert not Suggestion.objects.filter(lead_deputy=other).exists()
    for suggestion in Suggestion.objects.all():
        assert suggestion.lead_deputy_id == login.deputy.pk and suggestion.state == "draft"


@pytest.mark.django_db
def test_a_unit_handler_cannot_grade_its_own_handling(client):
    from suggestions.tests.factories import handling

    unit = OrganizationFactory()
    item = handling(organization=unit, stage="reply_submitted")
    client.force_login(unit_user(unit))
    response = client.post(f"/api/v1/suggestions/handlings/{item.pk}/grade/",
                           {"stage": "reply", "grade": "A", "points": 100}, content_type="application/json")
    assert response.status_code in (403, 404)
    item.refresh_from_db()
    assert item.reply_grade in ("", None)
