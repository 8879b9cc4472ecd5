"""Back-office actions say what they did: one with nothing to do says so (withdrawing a suggestion
that was never on the public site showed no message at all); a workflow action is offered to
office staff only (a unit handler was offered "publish the selected reports" and then refused);
a record whose fields are all the workflow's offers no "save" that changes nothing."""

import pytest

from appointees.services import duty_report_submit
from appointees.tests.factories import AppointeeFactory
from congress.roles import Role
from congress.tests.factories import OrganizationFactory, UserFactory, staff_user
from suggestions.tests.factories import handling, submitted_suggestion

pytestmark = pytest.mark.django_db


def test_an_action_with_nothing_to_do_says_so(client):
    suggestion = submitted_suggestion()
    client.force_login(staff_user())
    response = client.post("/admin/suggestions/suggestion/", {
        "action": "unpublish_selected", "_selected_action": [suggestion.pk]}, follow=True)
    assert "所选各行都不需要此操作，没有改动。" in response.content.decode()


def test_a_unit_handler_is_not_offered_the_staff_only_publish_action(client):
    unit = OrganizationFactory()
    handler = UserFactory(role=Role.UNIT_HANDLER, organization=unit)
    official = AppointeeFactory(organization=unit, name="赵履职")
    duty_report_submit(appointee=official, year=2020, text="履职报告", submitted_by=handler)
    client.force_login(handler)
    page = client.get("/admin/appointees/dutyreport/").content.decode()
    assert "赵履职" in page and 'value="publish"' not in page
    client.force_login(staff_user())
    assert 'value="publish"' in client.get("/admin/appointees/dutyreport/").content.decode()


def test_a_handling_is_shown_without_a_save_that_changes_nothing(client):
    h = handling(stage="reply_submitted")
    client.force_login(staff_user())
    page = client.get(f"/admin/suggestions/handling/{h.pk}/change/").content.decode()
    assert 'name="_save"' not in page and h.suggestion.title in page
