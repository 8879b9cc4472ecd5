"""Celery tasks of the appointees app: they take plain values and call a service."""

from celery import shared_task


@shared_task(acks_late=True)
def remind_overdue_reports_task(year: int | None = None) -> int:
    """Daily in April–December: remind organizations whose report on last year is overdue."""
    from django.utils import timezone

    from appointees.services import duty_reports_remind_overdue
    from congress.periods import local_date

    today = local_date(timezone.now())
    return duty_reports_remind_overdue(year=year or today.year - 1, today=today)
