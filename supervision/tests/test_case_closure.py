"""A case closes only when every rectification item is accepted; an inadequate one must be
escalated (a congress action or litigation), then reported again and accepted."""

from datetime import date

import pytest

from congress.errors import DomainError, StateConflict
from congress.tests.factories import unit_user
from supervision import services
from supervision.models import ActionKind, Case, CaseState, RectificationStatus
from supervision.tests.factories import CaseFactory, RectificationFactory

pytestmark = pytest.mark.django_db


def close(case, staff):
    return services.case_close(case=case, result="整改到位，依法办结", closed_by=staff)


def assert_open(case):
    case.refresh_from_db()
    assert case.state == CaseState.OPEN and case.closed_on is None and case.result == ""


def test_a_case_with_an_open_rectification_cannot_close(staff):
    item = RectificationFactory()
    with pytest.raises(StateConflict, match="accepted"):
        close(item.case, staff)
    assert_open(item.case)


def test_a_reported_but_unevaluated_rectification_blocks_too(staff):
    item = RectificationFactory()
    services.rectification_report(item=item, report="已整改", reported_by=unit_user(item.unit))
    with pytest.raises(StateConflict):
        close(item.case, staff)
    assert_open(item.case)


def test_an_inadequate_rectification_must_be_escalated_then_accepted(staff):
    item = RectificationFactory()
    handler = unit_user(item.unit)
    services.rectification_report(item=item, report="已部分整改", reported_by=handler)
    services.rectification_evaluate(item=item, satisfaction="unsatisfied", evaluated_by=staff)
    with pytest.raises(StateConflict, match="escalate"):
        close(item.case, staff)
    assert_open(item.case)

    with pytest.raises(DomainError):  # escalation is a congress action or litigation only
        services.rectification_escalate(item=item, kind="procuratorial_opinion", occurred_on=date(2020, 6, 1),
                                        summary="", new_deadline=date(2031, 1, 1), escalated_by=staff)
    action = services.rectification_escalate(item=item, kind="work_report_hearing", occurred_on=date(2020, 6, 1),
                                             summary="听取和审议专项工作报告", new_deadline=date(2031, 1, 1),
                                             escalated_by=staff)
    item.refresh_from_db()
    assert action.kind == ActionKind.WORK_REPORT_HEARING and action.escalates == item
    assert item.status == RectificationStatus.OPEN and item.round == 2 and item.satisfaction == ""
    with pytest.raises(StateConflict):  # escalated, but not yet accepted
        close(item.case, staff)
    assert_open(item.case)

    services.rectification_report(item=item, report="已全面整改", reported_by=handler)
    services.rectification_evaluate(item=item, satisfaction="basically_satisfied", evaluated_by=staff)
    close(item.case, staff)
    assert Case.objects.get(pk=item.case_id).state == CaseState.CLOSED


def test_a_case_with_no_rectification_closes(staff):
    case = CaseFactory()
    close(case, staff)
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED and case.closed_on is not None


def test_closing_twice_is_a_conflict(staff):
    case = CaseFactory()
    close(case, staff)
    with pytest.raises(StateConflict):
        close(case, staff)
