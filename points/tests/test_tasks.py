import pytest

from points.models import LedgerEntry
from points.tasks import entry_award_task
from points.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_award_task_is_idempotent(rules, deputy):
    activity = ActivityFactory(rule=rules["project_inspection"])
    kwargs = {"deputy_id": deputy.pk, "rule_code": "project_inspection", "source_app_label": "points",
              "source_model": "activity", "source_id": activity.pk, "occurred_on": "2020-10-12"}
    first = entry_award_task.delay(**kwargs).get()
    again = entry_award_task.delay(**kwargs).get()
    assert first == again
    assert list(LedgerEntry.objects.values_list("points", "occurred_on__year")) == [(8, 2020)]
