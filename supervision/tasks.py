"""Celery tasks of the supervision app: they take ids or nothing, and call a service."""

from celery import shared_task


@shared_task(acks_late=True)
def remind_due_rectifications_task() -> int:
    """Daily (beat): remind responsible units of rectification items due soon or overdue."""
    from supervision.services import rectifications_remind_due

    return rectifications_remind_due()
