"""Factories for suggestions, built on congress.tests.factories. Records past the draft are
made through the services, so tests start from states the workflow can really reach."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import factory

from congress.tests.factories import DeputyFactory, OrganizationFactory, staff_user
from suggestions import services
from suggestions.models import Assignment, AssignmentRole, Category, Handling, Suggestion, SuggestionState
from suggestions.scoring import Stage


class SuggestionFactory(factory.django.DjangoModelFactory):
    """A draft."""

    class Meta:
        model = Suggestion

    title = factory.Sequence(lambda n: f"关于改善第{n}号路段交通的建议")
    content = "建议增设人行横道和信号灯。"
    category = Category.TRANSPORT
    lead_deputy = factory.SubFactory(DeputyFactory)


def submitted_suggestion(*, on: date = date(2020, 3, 1), **kwargs) -> Suggestion:
    suggestion = SuggestionFactory(**kwargs)
    return services.suggestion_submit(suggestion=suggestion, submitted_by=_staff(), on=on)


def registered_suggestion(*, on: date = date(2020, 3, 1), **kwargs) -> Suggestion:
    suggestion = submitted_suggestion(on=on, **kwargs)
    return services.suggestion_register(suggestion=suggestion, registered_by=_staff(), on=on)


def _staff():
    """An office login for the steps a factory takes (a new one each time: no state between tests)."""
    return staff_user()


def handling(*, organization=None, on: date = date(2020, 3, 1), stage: str = "awaiting_reply",
             reply: str = "A", implementation: str = "A", deadline: date | None = None,
             reply_text: str = "已答复。", **kwargs) -> Handling:
    """A handling walked through the services up to `stage`: awaiting_reply, reply_submitted,
    reply_graded, implementation_reported or evaluated."""
    organization = organization or OrganizationFactory()
    suggestion = registered_suggestion(on=on, **kwargs)
    staff = _staff()
    (assignment,) = services.suggestion_assign(suggestion=suggestion, units=[(organization, AssignmentRole.LEAD)],
                                               assigned_by=staff, on=on, deadline=deadline)
    result = assignment.handling
    steps = ["awaiting_reply", "reply_submitted", "reply_graded", "implementation_reported", "evaluated"]
    target = steps.index(stage)
    if target >= 1:
        services.handling_reply(handling=result, content=reply_text, submitted_by=staff, on=on)
    if target >= 2:
        services.handling_grade(handling=result, stage=Stage.REPLY, grade=reply, entered_by=staff, on=on)
    if target >= 3:
        services.handling_report_implementation(handling=result, content="已落实。", submitted_by=staff, on=on)
    if target >= 4:
        services.handling_grade(handling=result, stage=Stage.IMPLEMENTATION, grade=implementation,
                                entered_by=staff, on=on)
    result.refresh_from_db()
    return result


DAY = date(2020, 3, 1)


def bulk_handlings(n: int, *, unit, deputy=None, offset: int = 0, title: str = "建议",
                   year: Callable[[int], int] = lambda i: 2020, deadline: Callable[[int], date] = lambda i: DAY,
                   state: Callable[[int], str] = lambda i: "reply_submitted",
                   published: bool = False) -> list[Handling]:
    """n assigned suggestions of `deputy` (a new one if None), each handled by `unit` and in
    `state(i)` (replied unless awaiting the reply): bulk-created for tests that read long lists,
    never through the services. Row i is numbered `<year>-<offset + i>` and titled
    `<title><offset + i>`, its deadline `deadline(offset + i)`."""
    deputy = deputy or DeputyFactory()
    suggestions = Suggestion.objects.bulk_create([
        Suggestion(number=f"{year(i)}-{offset + i:03d}", year=year(i), title=f"{title}{offset + i:03d}",
                   content="……", lead_deputy=deputy, state=SuggestionState.ASSIGNED, submitted_on=DAY,
                   is_published=published, publish_content=published)
        for i in range(n)])
    assignments = Assignment.objects.bulk_create([
        Assignment(suggestion=s, organization=unit, role=AssignmentRole.LEAD, assigned_on=DAY,
                   deadline=deadline(offset + i))
        for i, s in enumerate(suggestions)])
    return Handling.objects.bulk_create([
        Handling(assignment=a, suggestion=a.suggestion, organization=unit, deadline=a.deadline, state=state(i),
                 first_replied_on=None if state(i) == "awaiting_reply" else DAY)
        for i, a in enumerate(assignments)])
