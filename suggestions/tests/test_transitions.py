"""Every step of the workflow is a service with a from-state guard: a legal step does what it
says; an illegal one is refused with a clear message and changes nothing."""

from datetime import date

import pytest
from django.forms.models import model_to_dict

from congress.errors import DomainError, StateConflict
from congress.tests.factories import DeputyFactory, OrganizationFactory, deputy_user, staff_user, unit_user
from suggestions import services
from suggestions.models import (
    Assignment,
    AssignmentRole,
    Cosignature,
    Evaluation,
    FollowUpRound,
    Handling,
    HandlingState,
    ImplementationReport,
    Reply,
    Suggestion,
    SuggestionState,
)
from suggestions.scoring import Stage
from suggestions.tests.factories import SuggestionFactory, handling, registered_suggestion, submitted_suggestion

pytestmark = pytest.mark.django_db
DAY = date(2020, 3, 1)


def snapshot():
    """Everything a refused step might have touched."""
    return (
        [model_to_dict(s) for s in Suggestion.objects.order_by("pk")],
        [model_to_dict(h) for h in Handling.objects.order_by("pk")],
        [Model.objects.count() for Model in (Assignment, Cosignature, Evaluation, Reply, ImplementationReport,
                                              FollowUpRound)],
    )


def refused(step, error=DomainError):
    before = snapshot()
    with pytest.raises(error) as info:
        step()
    assert snapshot() == before
    assert str(info.value.message)
    return str(info.value.message)


def suggestion_in(state):
    if state == SuggestionState.DRAFT:
        return SuggestionFactory()
    if state == SuggestionState.SUBMITTED:
        return submitted_suggestion()
    if state == SuggestionState.REGISTERED:
        return registered_suggestion()
    if state == SuggestionState.NOT_REGISTERED:
        return services.suggestion_reject(suggestion=submitted_suggestion(), reason="重复", rejected_by=staff_user())
    return handling().suggestion


SUGGESTION_STEPS = {
    "submit": ({SuggestionState.DRAFT}, lambda s, staff: services.suggestion_submit(
        suggestion=s, submitted_by=staff, on=DAY)),
    "register": ({SuggestionState.SUBMITTED}, lambda s, staff: services.suggestion_register(
        suggestion=s, registered_by=staff, on=DAY)),
    "reject": ({SuggestionState.SUBMITTED}, lambda s, staff: services.suggestion_reject(
        suggestion=s, reason="不属于区级事权", rejected_by=staff, on=DAY)),
    "assign": ({SuggestionState.REGISTERED}, lambda s, staff: services.suggestion_assign(
        suggestion=s, units=[(OrganizationFactory(), AssignmentRole.LEAD)], assigned_by=staff, on=DAY)),
    "cosign": ({SuggestionState.DRAFT, SuggestionState.SUBMITTED}, lambda s, staff: services.suggestion_cosign(
        suggestion=s, deputy=DeputyFactory(), signed_by=staff)),
    "publish": ({SuggestionState.REGISTERED, SuggestionState.ASSIGNED}, lambda s, staff: services.suggestion_publish(
        suggestion=s, published_by=staff)),
}


@pytest.mark.parametrize("state", list(SuggestionState))
@pytest.mark.parametrize("step", list(SUGGESTION_STEPS))
def test_suggestion_steps_only_from_their_states(state, step):
    allowed, run = SUGGESTION_STEPS[step]
    suggestion, staff = suggestion_in(state), staff_user()
    if state in allowed:
        run(suggestion, staff)
        assert Suggestion.objects.get(pk=suggestion.pk) is not None
    else:
        refused(lambda: run(suggestion, staff), StateConflict)


def test_the_happy_path_through_every_step():
    staff, lead = staff_user(), DeputyFactory()
    lead_login = deputy_user(lead)
    draft = services.suggestion_create(lead_deputy=lead, title="增设公交线路", content="……", created_by=lead_login)
    cosigner = DeputyFactory()
    services.suggestion_cosign(suggestion=draft, deputy=cosigner, signed_by=deputy_user(cosigner))
    services.suggestion_submit(suggestion=draft, submitted_by=lead_login, on=date(2020, 1, 9))
    suggestion = services.suggestion_register(suggestion=draft, registered_by=staff, on=date(2020, 1, 20))
    assert (suggestion.state, suggestion.number, suggestion.year) == ("registered", "2020-001", 2020)
    lead_unit, helper = OrganizationFactory(), OrganizationFactory()
    services.suggestion_assign(suggestion=suggestion, assigned_by=staff, on=date(2020, 1, 31),
                               units=[(lead_unit, AssignmentRole.LEAD), (helper, AssignmentRole.CO_HANDLING)])
    (h,) = Handling.objects.filter(suggestion=suggestion)
    assert (h.organization, h.deadline, h.state) == (lead_unit, date(2020, 4, 30), "awaiting_reply")
    unit_login = unit_user(lead_unit)
    services.handling_reply(handling=h, content="已研究，年内开通。", submitted_by=unit_login, on=date(2020, 3, 1))
    services.handling_grade(handling=h, stage=Stage.REPLY, grade="A", entered_by=lead_login, on=date(2020, 3, 5))
    services.handling_report_implementation(handling=h, content="已开通。", submitted_by=unit_login)
    evaluation = services.handling_grade(handling=h, stage=Stage.IMPLEMENTATION, grade="B", entered_by=staff,
                                         on=date(2020, 11, 5))
    h.refresh_from_db()
    assert (h.state, h.final_score, h.final_level, h.evaluated_on) == (
        "evaluated", 75, "basically_satisfied", date(2020, 11, 5))
    assert evaluation.on_behalf_of_deputy is True
    assert Evaluation.objects.get(handling=h, stage="reply").on_behalf_of_deputy is False


HANDLING_STEPS = {
    "reply": ({HandlingState.AWAITING_REPLY}, lambda h, staff: services.handling_reply(
        handling=h, content="答复", submitted_by=staff)),
    "grade_reply": ({HandlingState.REPLY_SUBMITTED}, lambda h, staff: services.handling_grade(
        handling=h, stage=Stage.REPLY, grade="A", entered_by=staff)),
    "report": ({HandlingState.REPLY_GRADED}, lambda h, staff: services.handling_report_implementation(
        handling=h, content="落实", submitted_by=staff)),
    "grade_implementation": ({HandlingState.IMPLEMENTATION_REPORTED}, lambda h, staff: services.handling_grade(
        handling=h, stage=Stage.IMPLEMENTATION, grade="A", entered_by=staff)),
}


def handling_in(state):
    return handling(stage=state)


@pytest.mark.parametrize("state", list(HandlingState))
@pytest.mark.parametrize("step", list(HANDLING_STEPS))
def test_handling_steps_only_from_their_states(state, step):
    allowed, run = HANDLING_STEPS[step]
    h, staff = handling_in(state), staff_user()
    assert h.state == state
    if state in allowed:
        run(h, staff)
        h.refresh_from_db()
        assert h.state != state
    else:
        message = refused(lambda: run(h, staff), StateConflict)
        assert any(word in message for word in ("不能", "不处于", "之后", "未列入"))  # said in the user's language


def test_reject_needs_a_reason_and_keeps_nothing():
    suggestion = submitted_suggestion()
    message = refused(lambda: services.suggestion_reject(suggestion=suggestion, reason="  ", rejected_by=staff_user()))
    assert message == "请填写不予立案的理由。"


@pytest.mark.parametrize(("roles", "expected"), [
    ([], "请至少选择一个承办单位"),
    ([AssignmentRole.LEAD, AssignmentRole.LEAD], "最多只有一个主办单位"),
    ([AssignmentRole.CO_HANDLING], "必须有主办单位"),
    ([AssignmentRole.LEAD, AssignmentRole.SEPARATE], "不能同时选择"),
])
def test_bad_assignments_are_refused(roles, expected):
    suggestion = registered_suggestion()
    units = [(OrganizationFactory(), role) for role in roles]
    message = refused(lambda: services.suggestion_assign(suggestion=suggestion, units=units,
                                                         assigned_by=staff_user()))
    assert expected in message


def test_separate_units_each_get_a_handling_and_co_handling_none():
    suggestion = registered_suggestion()
    a, b = OrganizationFactory(), OrganizationFactory()
    services.suggestion_assign(suggestion=suggestion, units=[(a, "separate"), (b, "separate")],
                               assigned_by=staff_user(), on=DAY)
    assert sorted(Handling.objects.filter(suggestion=suggestion).values_list("organization", flat=True)) == sorted(
        [a.pk, b.pk])


def test_non_staff_cannot_register_and_others_cannot_act_for_the_deputy():
    suggestion = submitted_suggestion()
    refused(lambda: services.suggestion_register(suggestion=suggestion, registered_by=deputy_user()))
    draft = SuggestionFactory()
    refused(lambda: services.suggestion_submit(suggestion=draft, submitted_by=deputy_user()))
    refused(lambda: services.suggestion_cosign(suggestion=draft, deputy=draft.lead_deputy, signed_by=staff_user()))


def test_a_unit_cannot_reply_for_another_unit():
    h = handling()
    message = refused(lambda: services.handling_reply(handling=h, content="x", submitted_by=unit_user(
        OrganizationFactory())))
    assert "只有责任单位" in message


def test_cosigning_twice_is_refused():
    suggestion, deputy = submitted_suggestion(), DeputyFactory()
    services.suggestion_cosign(suggestion=suggestion, deputy=deputy, signed_by=staff_user())
    refused(lambda: services.suggestion_cosign(suggestion=suggestion, deputy=deputy, signed_by=staff_user()),
            StateConflict)


def test_registration_numbers_follow_on_within_a_year():
    first = registered_suggestion(on=date(2020, 2, 1))
    second = registered_suggestion(on=date(2020, 5, 1))
    other_year = registered_suggestion(on=date(2021, 1, 9))
    assert [first.number, second.number, other_year.number] == ["2020-001", "2020-002", "2021-001"]
