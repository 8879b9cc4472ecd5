"""Illegal transitions are refused with a clear message and nothing changed."""

from datetime import date

import pytest

from congress.errors import DomainError, NotPermitted, StateConflict
from congress.tests.factories import unit_user
from supervision import services
from supervision.models import Case, CaseAction, Clue, ClueState, Outcome, RectificationStatus
from supervision.tests.factories import CaseFactory, ClueFactory, RectificationFactory, SharedClueFactory

pytestmark = pytest.mark.django_db


def snapshot(clue):
    clue.refresh_from_db()
    return (clue.state, clue.shared_on, clue.result, clue.dismissal_reason, clue.closed_on, clue.cases.count())


def test_the_happy_path_through_every_clue_state(staff, procuratorate, audit_bureau):
    clue = services.clue_receive(source="citizen", category="land", title="闲置土地", description="地块闲置",
                                 reporter_name="王某", reporter_phone="13800000000", received_by=staff)
    assert clue.state == ClueState.RECEIVED and clue.number.startswith("XS")
    services.clue_review(clue=clue, reviewed_by=staff)
    services.clue_share(clue=clue, shared_by=staff)
    cases = services.clue_refer(clue=clue, organs=[procuratorate], referred_by=staff)
    services.clue_refer(clue=clue, organs=[audit_bureau], referred_by=staff)  # a further organ later
    clue.refresh_from_db()
    assert clue.state == ClueState.REFERRED and clue.cases.count() == 2
    for case in Case.objects.filter(clue=clue):
        services.case_close(case=case, result="已办结", closed_by=staff)
    services.clue_close(clue=clue, result="土地已收回", closed_by=staff)
    clue.refresh_from_db()
    assert clue.state == ClueState.CLOSED and clue.closed_on is not None
    assert cases[0].organ == procuratorate


@pytest.mark.parametrize(("state", "step"), [
    ("received", "share"), ("received", "refer"), ("received", "close"),
    ("under_review", "review"), ("under_review", "refer"),
    ("shared", "review"), ("shared", "share"), ("shared", "close"),
    ("referred", "dismiss"), ("referred", "share"),
    ("closed", "dismiss"), ("closed", "refer"), ("dismissed", "review"), ("dismissed", "share"),
])
def test_clue_steps_from_the_wrong_state_change_nothing(staff, procuratorate, state, step):
    extra = {"shared_on": date(2020, 3, 5)} if state in ("shared", "referred", "closed") else {}
    if state == "closed":
        extra["result"] = "已办结"
    if state == "dismissed":
        extra["dismissal_reason"] = "不属于监督范围"
    clue = ClueFactory(state=state, **extra)
    before = snapshot(clue)
    calls = {
        "review": lambda: services.clue_review(clue=clue, reviewed_by=staff),
        "share": lambda: services.clue_share(clue=clue, shared_by=staff),
        "refer": lambda: services.clue_refer(clue=clue, organs=[procuratorate], referred_by=staff),
        "close": lambda: services.clue_close(clue=clue, result="结果", closed_by=staff),
        "dismiss": lambda: services.clue_dismiss(clue=clue, reason="理由", dismissed_by=staff),
    }
    with pytest.raises(StateConflict):
        calls[step]()
    assert snapshot(clue) == before


def test_a_clue_cannot_close_while_a_case_is_open(staff):
    case = CaseFactory()
    with pytest.raises(StateConflict, match="case"):
        services.clue_close(clue=case.clue, result="结果", closed_by=staff)
    assert Clue.objects.get(pk=case.clue_id).state == ClueState.REFERRED


def test_referring_twice_to_the_same_organ_is_refused(staff, procuratorate):
    clue = SharedClueFactory()
    services.clue_refer(clue=clue, organs=[procuratorate], referred_by=staff)
    with pytest.raises(StateConflict):
        services.clue_refer(clue=clue, organs=[procuratorate], referred_by=staff)
    assert clue.cases.count() == 1


def test_only_the_three_organs_take_referrals(staff):
    from congress.tests.factories import OrganizationFactory

    clue = SharedClueFactory()
    with pytest.raises(DomainError):
        services.clue_refer(clue=clue, organs=[OrganizationFactory()], referred_by=staff)
    assert snapshot(clue)[0] == ClueState.SHARED


def test_dismissal_and_closure_need_their_text(staff):
    clue = ClueFactory()
    with pytest.raises(DomainError):
        services.clue_dismiss(clue=clue, reason="  ", dismissed_by=staff)
    assert snapshot(clue)[0] == ClueState.RECEIVED


def test_organ_and_unit_logins_cannot_run_staff_steps(liaison):
    clue = ClueFactory()
    for user in (liaison, unit_user(RectificationFactory().unit)):
        with pytest.raises(NotPermitted):
            services.clue_review(clue=clue, reviewed_by=user)
    assert snapshot(clue)[0] == ClueState.RECEIVED


def test_a_liaison_records_only_their_organs_actions(liaison, procuratorate, audit_bureau):
    own = CaseFactory(organ=procuratorate)
    other = CaseFactory(organ=audit_bureau)
    services.case_action_record(case=own, kind="procuratorial_opinion", occurred_on=date(2020, 5, 1),
                                outcomes={"land_parcels": 1}, recorded_by=liaison)
    with pytest.raises(NotPermitted):
        services.case_action_record(case=other, kind="audit_finding", occurred_on=date(2020, 5, 1), recorded_by=liaison)
    with pytest.raises(DomainError):  # an audit action on a procuratorate case
        services.case_action_record(case=own, kind="audit_finding", occurred_on=date(2020, 5, 1), recorded_by=liaison)
    with pytest.raises(NotPermitted):  # the congress's own actions are the office's
        services.case_action_record(case=own, kind="special_supervision", occurred_on=date(2020, 5, 1),
                                    recorded_by=liaison)
    assert CaseAction.objects.count() == 1 and Outcome.objects.get().count == 1


def test_bad_outcomes_save_nothing(staff):
    case = CaseFactory()
    for outcomes in ({"trees": "1.5"}, {"trees": -3}, {"assets_recovered": "10.001"}, {"trees": "abc"}):
        with pytest.raises(DomainError):
            services.case_action_record(case=case, kind="judgment", occurred_on=date(2020, 5, 1),
                                        outcomes=outcomes, recorded_by=staff)
    assert not CaseAction.objects.exists()


def test_a_closed_case_takes_no_actions(staff):
    case = CaseFactory(state="closed", closed_on=date(2020, 6, 1), result="办结")
    with pytest.raises(StateConflict):
        services.case_action_record(case=case, kind="judgment", occurred_on=date(2020, 5, 1), recorded_by=staff)
    assert not CaseAction.objects.exists()


def test_rectification_steps_from_the_wrong_status(staff):
    item = RectificationFactory()
    with pytest.raises(StateConflict):
        services.rectification_evaluate(item=item, satisfaction="satisfied", evaluated_by=staff)
    with pytest.raises(StateConflict):
        services.rectification_escalate(item=item, kind="special_supervision", occurred_on=date(2020, 5, 1),
                                        summary="", new_deadline=date(2031, 1, 1), escalated_by=staff)
    item.refresh_from_db()
    assert item.status == RectificationStatus.OPEN and item.round == 1 and not CaseAction.objects.exists()


def test_a_unit_reports_only_its_own_items(staff):
    item = RectificationFactory()
    stranger = unit_user(RectificationFactory().unit)
    with pytest.raises(NotPermitted):
        services.rectification_report(item=item, report="已整改", reported_by=stranger)
    services.rectification_report(item=item, report="已整改", reported_by=unit_user(item.unit))
    item.refresh_from_db()
    assert item.status == RectificationStatus.REPORTED
