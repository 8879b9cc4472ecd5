"""Import and export: rule values are added, never changed; the ledger exports its entries and
imports only recorded activities (which award entries): no file edits an entry."""

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.urls import reverse

from points.models import PointRuleVersion
from points.resources import LedgerEntryResource, PointRuleVersionResource
from points.tests.factories import award

pytestmark = pytest.mark.django_db


def rows(*data):
    return tablib.Dataset(*data, headers=["rule", "effective_from", "points"])


def test_new_rule_values_import_as_versions(rules):
    result = PointRuleVersionResource().import_data(rows(("topic_lead", "2021-01-01", "12")))
    assert not result.has_errors() and not result.has_validation_errors()
    assert PointRuleVersion.objects.filter(rule=rules["topic_lead"], effective_from="2021-01-01", points=12).exists()


def test_an_import_cannot_change_a_recorded_value(rules):
    result = PointRuleVersionResource().import_data(rows(("topic_lead", "2021-06-01", "12"),
                                                         ("topic_lead", "2017-01-01", "99")))
    assert result.has_errors() or result.has_validation_errors()
    assert PointRuleVersion.objects.get(rule=rules["topic_lead"], effective_from="2017-01-01").points == 10
    assert not PointRuleVersion.objects.filter(effective_from="2021-06-01").exists()


def test_the_ledger_exports_its_entries_and_imports_only_activities(rules, deputy, client, staff):
    award(deputy, rules)
    exported = LedgerEntryResource().export()
    assert exported.dict[0]["deputy_code"] == deputy.code and exported.dict[0]["points"] == "8"
    with pytest.raises(ValidationError):
        LedgerEntryResource().import_data(exported)
    client.force_login(staff)
    assert client.get(reverse("admin:points_ledgerentry_export")).status_code == 200
    page = client.get(reverse("admin:points_ledgerentry_import"))
    assert page.status_code == 200
    assert [name for name, _columns in page.context["fields_list"]] == ["Recorded activities and their participants"] \
        or "reference" in page.context["fields_list"][0][1]
