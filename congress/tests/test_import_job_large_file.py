"""A file over the background threshold is not previewed in the request: it becomes an import
job, the user lands on its progress page, and (Celery eager, as under `make run`) that page
already shows every row imported. Small files keep the preview and confirmation."""

import io

import pytest
from django.core.files.storage import storages

from congress.audit import Action
from congress.models import AuditEvent, Deputy, ImportJob
from congress.tests.factories import staff_user
from congress.tests.importjobs import IMPORT_URL, deputies_csv, deputy_rows, in_english, upload, visible_text
from congress.tests.test_import import registry, xlsx_bytes  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_thresholds")]


def test_a_large_file_is_imported_by_a_job_and_the_user_sees_the_result(
        client, registry, django_capture_on_commit_callbacks):  # noqa: F811
    staff = staff_user()
    in_english(client).force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, deputies_csv(12))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/congress/importjob/{job.pk}/progress/"
    page = client.get(response["Location"])
    text = visible_text(page)
    assert "All 12 rows were imported" in text and "12 of 12 rows checked" in text
    assert "new records: 12" in text
    assert b'http-equiv="refresh"' not in page.content  # finished: no more refreshing
    assert Deputy.objects.count() == 12
    assert (job.status, job.rows_done, job.rows_total, job.created_by) == ("done", 12, 12, staff)
    assert job.totals["new"] == 12
    event = AuditEvent.objects.get(action=Action.IMPORTED)  # one event for the whole file
    assert event.actor == staff and event.detail["rows"] == 12 and event.detail["job"] == job.pk
    assert not storages["private"].exists(job.stored_name)  # the file is not kept once imported


def test_a_small_file_keeps_the_preview_and_confirmation(client, registry):  # noqa: F811
    client.force_login(staff_user())
    response = upload(client, deputies_csv(4))
    assert response.status_code == 200 and "confirm_form" in response.context
    assert not ImportJob.objects.exists() and not Deputy.objects.exists()


def test_a_large_file_by_bytes_goes_to_a_job_too(client, registry, settings,  # noqa: F811
                                                  django_capture_on_commit_callbacks):
    settings.IMPORT_BACKGROUND_ROWS, settings.IMPORT_BACKGROUND_BYTES = 1000, 300
    client.force_login(staff_user())
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, deputies_csv(5))
    assert response.status_code == 302
    assert ImportJob.objects.get().status == "done" and Deputy.objects.count() == 5


def test_a_large_workbook_goes_to_a_job_too(client, registry, django_capture_on_commit_callbacks):  # noqa: F811
    client.force_login(staff_user())
    file = io.BytesIO(xlsx_bytes(deputy_rows(9)))
    file.name = "deputies.xlsx"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT_URL, {"resource": "0", "format": "1", "import_file": file})
    assert response.status_code == 302
    assert ImportJob.objects.get().status == "done" and Deputy.objects.count() == 9
