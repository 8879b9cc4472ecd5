"""Celery tasks of the core: they take plain values and call a service."""

from celery import shared_task

from congress.periods import Quarter


@shared_task(acks_late=True)
def publish_due_quarter_task() -> str | None:
    from congress.services import publish_due_quarter

    publication = publish_due_quarter()
    return str(publication) if publication else None


@shared_task(acks_late=True)
def publish_quarter_task(quarter: str) -> str:
    from congress.services import quarter_publish

    return str(quarter_publish(quarter=Quarter.parse(quarter)))


@shared_task(acks_late=True)
def import_job_run_task(job_id: int) -> str:
    from congress.services import import_job_run

    return import_job_run(job_id=job_id).status
