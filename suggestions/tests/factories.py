"""Factories for suggestions, built on congress.tests.factories. Records past the draft are
made through the services, so tests start from states the workflow can really reach."""

from __future__ import annotations

from datetime import date

import factory

from congress.tests.factories import DeputyFactory, OrganizationFactory, staff_user
from suggestions import services
from suggestions.models import AssignmentRole, Category, Handling, Suggestion
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
