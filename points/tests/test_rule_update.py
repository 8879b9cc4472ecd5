"""A rule's name, description and how it is offered change through rule_update, in the back office
too; its code and its values never change that way (values are versions)."""

import pytest
from django.urls import reverse

from congress.errors import NotPermitted
from congress.tests.factories import deputy_user
from points.models import PointRule
from points.services import rule_update

pytestmark = pytest.mark.django_db


def test_staff_rename_a_rule_in_the_back_office_and_the_history_names_them(client, rules, staff):
    rule = rules["reception"]
    client.force_login(staff)
    url = reverse("admin:points_pointrule_change", args=[rule.pk])
    response = client.post(url, {
        "name": "走访接待选民", "description": "在联络站或入户接待", "self_reportable": "on", "is_active": "on",
        "order": "3", "versions-TOTAL_FORMS": "0", "versions-INITIAL_FORMS": "0",
        "versions-MIN_NUM_FORMS": "0", "versions-MAX_NUM_FORMS": "1000"})
    assert response.status_code == 302, response.content.decode()[:1500]
    rule.refresh_from_db()
    assert rule.name == "走访接待选民" and rule.order == 3 and rule.code == "reception"
    assert rule.history.first().history_user == staff


def test_a_deputy_cannot_change_a_rule(rules):
    with pytest.raises(NotPermitted):
        rule_update(rule=rules["reception"], updated_by=deputy_user(), name="x", description="",
                    self_reportable=True, is_active=True, order=0)
    assert PointRule.objects.get(code="reception").name != "x"
