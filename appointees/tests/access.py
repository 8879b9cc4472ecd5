"""Appointees' routes in the authorization matrix (congress.access_matrix): the unit handler's
own official's duty report, the committee member's own rating session."""

from congress.access_matrix import Target

ACCESS: dict = {}


def objects(world):
    from appointees.services import draw_commit, duty_report_submit, rating_session_create, rating_session_open
    from appointees.tests.factories import AppointeeFactory, MeetingFactory, department_heads

    staff = world.users["staff"]
    own_official = AppointeeFactory(organization=world.unit)
    other_official = AppointeeFactory()
    own_report = duty_report_submit(appointee=own_official, year=2020, text="述职", submitted_by=staff)
    other_report = duty_report_submit(appointee=other_official, year=2020, text="述职", submitted_by=staff)
    department_heads(3)
    draw = draw_commit(year=2020, k=1, created_by=staff)
    meeting = MeetingFactory()
    officials = department_heads(2)
    own_session = rating_session_open(session=rating_session_create(
        title="测评", year=2020, meeting=meeting, officials=officials, members=[world.member], created_by=staff),
        opened_by=staff)
    other_session = rating_session_create(title="测评二", year=2020, meeting=meeting, officials=officials,
                                          members=[world.member], created_by=staff)
    report = Target(other={"pk": other_report.pk}, own={"unit": {"pk": own_report.pk}})
    session = Target(other={"pk": other_session.pk}, own={"member": {"pk": own_session.pk}})
    return {
        "appointees:draw-*": Target(other={"pk": draw.pk}), "appointees-api:draw": Target(other={"pk": draw.pk}),
        "appointees-api:draw-*": Target(other={"pk": draw.pk}),
        "appointees:report-*": report, "appointees-api:report-*": report,
        "appointees:rating-*": session, "appointees-api:rating-*": session, "appointees:rate": session,
    }
