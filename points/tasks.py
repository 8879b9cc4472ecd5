"""Celery tasks of the points ledger: they take plain values and call a service. Apps that
cannot award inside their own transaction queue this after commit; awarding is idempotent, so a
retried task never awards twice."""

from datetime import date

from celery import shared_task


@shared_task(acks_late=True)
def entry_award_task(*, deputy_id: int, rule_code: str, source_app_label: str, source_model: str, source_id: int,
                     occurred_on: str) -> int:
    from django.contrib.contenttypes.models import ContentType

    from congress.models import Deputy
    from points.services import entry_award

    source = ContentType.objects.get_by_natural_key(source_app_label, source_model).get_object_for_this_type(
        pk=source_id)
    entry = entry_award(deputy=Deputy.objects.get(pk=deputy_id), rule_code=rule_code, source=source,
                        occurred_on=date.fromisoformat(occurred_on))
    return entry.pk
