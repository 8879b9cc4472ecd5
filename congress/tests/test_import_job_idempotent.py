"""Running an import job's task again (a retry, a redelivery after acks_late) imports nothing
twice: the job's row lock and status decide which run imports; a job whose worker died (running,
no progress for IMPORT_JOB_STALE_MINUTES) is taken over."""

from datetime import timedelta

import pytest
from django.utils import timezone

from congress.audit import Action
from congress.models import AuditEvent, Deputy, ImportJob
from congress.resources import DeputyResource
from congress.services import import_job_create, import_job_run
from congress.testing import run_in_threads
from congress.tests.factories import staff_user
from congress.tests.importjobs import deputies_csv
from congress.tests.test_import import registry  # noqa: F401

pytestmark = pytest.mark.usefixtures("small_thresholds")


def _job(count=8):
    return import_job_create(user=staff_user(), resource_class=DeputyResource, data=deputies_csv(count),
                             file_name="deputies.csv", file_format="csv")


@pytest.mark.django_db
def test_running_the_task_twice_imports_once(registry):  # noqa: F811
    job = _job()
    first = import_job_run(job_id=job.pk)
    Deputy.objects.all().delete()  # would come back if the second run imported again
    second = import_job_run(job_id=job.pk)
    assert first.status == second.status == "done" and second.finished_at == first.finished_at
    assert not Deputy.objects.exists()
    assert AuditEvent.objects.filter(action=Action.IMPORTED).count() == 1


@pytest.mark.django_db
def test_a_running_job_with_recent_progress_is_left_alone_and_a_silent_one_is_taken_over(
        registry, settings):  # noqa: F811
    job = _job()
    ImportJob.objects.filter(pk=job.pk).update(status="running", heartbeat_at=timezone.now())
    assert import_job_run(job_id=job.pk).status == "running" and not Deputy.objects.exists()
    silent = timezone.now() - timedelta(minutes=settings.IMPORT_JOB_STALE_MINUTES + 1)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=silent)
    assert import_job_run(job_id=job.pk).status == "done" and Deputy.objects.count() == 8


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("not_queued")
def test_two_deliveries_at_once_import_once(requires_postgres, registry):  # noqa: F811
    job = _job(20)
    results = run_in_threads(2, lambda: import_job_run(job_id=job.pk).status)
    assert sorted(results) in (["done", "running"], ["done", "done"]), results
    assert Deputy.objects.count() == 20
    assert AuditEvent.objects.filter(action=Action.IMPORTED).count() == 1
