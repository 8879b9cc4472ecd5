"""Celery tasks of suggestions: they take ids or nothing, and call a service."""

from celery import shared_task


@shared_task(acks_late=True)
def remind_due_replies_task() -> int:
    """Daily (beat): notify units of replies due soon or overdue."""
    from suggestions.services import handlings_remind_due

    return handlings_remind_due()


@shared_task(acks_late=True)
def notify_assignment_task(*, assignment_id: int) -> None:
    from suggestions.notifications import assignment_notify

    assignment_notify(assignment_id=assignment_id)


@shared_task(acks_late=True)
def notify_follow_up_task(*, handling_id: int) -> None:
    from suggestions.notifications import follow_up_notify

    follow_up_notify(handling_id=handling_id)


@shared_task(acks_late=True)
def notify_grade_awaited_task(*, handling_id: int) -> None:
    from suggestions.notifications import grade_awaited_notify

    grade_awaited_notify(handling_id=handling_id)
