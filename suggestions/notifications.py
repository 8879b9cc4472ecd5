"""In-site notices about suggestions (the tasks' services)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from congress.services import notice_create
from suggestions.models import Assignment, Handling


def assignment_notify(*, assignment_id: int) -> None:
    """Tell a unit that a suggestion was assigned to it. Called by notify_assignment_task."""
    assignment = Assignment.objects.select_related("suggestion", "organization").filter(pk=assignment_id).first()
    if assignment is None:
        return
    link = ""
    handling = Handling.objects.filter(assignment=assignment).first()
    if handling is not None:
        link = reverse("suggestions:handling-detail", args=[handling.pk])
    notice_create(kind="suggestion_assigned", organization=assignment.organization, link=link,
                  message=_("Suggestion %(number)s “%(title)s” was assigned to your unit (%(role)s); "
                            "reply by %(deadline)s.") % {
                      "number": assignment.suggestion.number, "title": assignment.suggestion.title,
                      "role": assignment.get_role_display(), "deadline": assignment.deadline})


def follow_up_notify(*, handling_id: int) -> None:
    """Tell a unit that a handling was graded C and is under follow-up supervision."""
    handling = Handling.objects.select_related("suggestion", "organization").filter(pk=handling_id).first()
    if handling is None:
        return
    notice_create(kind="suggestion_follow_up", organization=handling.organization,
                  link=reverse("suggestions:handling-detail", args=[handling.pk]),
                  message=_("Suggestion %(number)s “%(title)s” was graded C and is under follow-up supervision.")
                  % {"number": handling.suggestion.number, "title": handling.suggestion.title})


def grade_awaited_notify(*, handling_id: int) -> None:
    """Tell the lead deputy (if they have a login) that a reply or an implementation report awaits
    their grade. Called by notify_grade_awaited_task."""
    handling = (Handling.objects.select_related("suggestion__lead_deputy__user", "organization")
                .filter(pk=handling_id).first())
    if handling is None or handling.suggestion.lead_deputy.user is None:
        return
    notice_create(kind="suggestion_grade_awaited", user=handling.suggestion.lead_deputy.user,
                  link=reverse("suggestions:handling-detail", args=[handling.pk]),
                  message=_("%(unit)s has reported on suggestion %(number)s “%(title)s”; please grade it.")
                  % {"unit": handling.organization.name, "number": handling.suggestion.number,
                     "title": handling.suggestion.title})
