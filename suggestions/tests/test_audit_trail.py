"""A grade leaves one audit event: who graded which handling, the stage and the grade, and whether
staff entered it on the lead deputy's behalf."""

import pytest

from congress.audit import Action
from congress.models import AuditEvent
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db


def test_each_grade_is_recorded():
    graded = handling(stage="evaluated", reply="B", implementation="A")
    events = AuditEvent.objects.filter(action=Action.HANDLING_GRADED, target_id=str(graded.pk)).order_by("id")
    assert [(event.detail["stage"], event.detail["grade"]) for event in events] == [
        ("reply", "B"), ("implementation", "A")]
    assert all(event.actor_id and event.detail["on_behalf_of_deputy"] for event in events)
