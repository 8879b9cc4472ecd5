"""The ledger's back office offers the import of recorded activities beside its export: staff
preview a small file and confirm it; a large file becomes an import job whose page shows the
result; a user without the import permission is refused; a bad file is shown with its lines."""

import io

import pytest
from django.core.files.storage import storages

from congress.models import ImportJob
from congress.roles import Role, sync_role_groups
from congress.tests.conftest import small_thresholds  # noqa: F401 - the fixture
from congress.tests.factories import UserFactory, staff_user
from congress.tests.importjobs import in_english, visible_text
from points.models import Activity, LedgerEntry
from points.tests.ledger_files import csv_bytes, deputies, ledger_rows, xlsx_bytes

pytestmark = [pytest.mark.django_db]

IMPORT_URL = "/admin/points/ledgerentry/import/"
CONFIRM_URL = "/admin/points/ledgerentry/process_import/"
CSV, XLSX = "0", "1"


@pytest.fixture
def office(rules):
    sync_role_groups()
    deputies(5)
    return in_english


def upload(client, content: bytes, name: str = "ledger.csv", fmt: str = CSV):
    file = io.BytesIO(content)
    file.name = name
    return client.post(IMPORT_URL, {"resource": "0", "format": fmt, "import_file": file})


@pytest.mark.parametrize("fmt", [CSV, XLSX])
def test_staff_preview_a_small_file_and_confirm_it(client, office, fmt):
    staff = staff_user()
    office(client).force_login(staff)
    assert "Import" in visible_text(client.get("/admin/points/ledgerentry/"))
    rows = ledger_rows(2, 2)
    content = csv_bytes(rows) if fmt == CSV else xlsx_bytes(rows)
    preview = upload(client, content, "ledger.csv" if fmt == CSV else "ledger.xlsx", fmt)
    assert preview.status_code == 200
    form = preview.context["confirm_form"]
    assert "视察调研活动2" in preview.content.decode()
    assert not Activity.objects.exists() and not LedgerEntry.objects.exists()  # the preview is a dry run
    response = client.post(CONFIRM_URL, {
        "import_file_name": form.initial["import_file_name"], "original_file_name": form.initial["original_file_name"],
        "format": form.initial["format"], "resource": form.initial.get("resource", "0")}, follow=True)
    assert response.status_code == 200
    assert "4 new" in visible_text(response)
    assert Activity.objects.count() == 2 and LedgerEntry.objects.filter(created_by=staff).count() == 4


def test_a_bad_file_is_shown_with_its_lines_and_cannot_be_confirmed(client, office):
    office(client).force_login(staff_user())
    rows = ledger_rows(2, 2)
    rows[2][4] = "NO-SUCH"  # line 4
    preview = upload(client, csv_bytes(rows))
    assert preview.status_code == 200 and "confirm_form" not in preview.context
    assert [row.number for row in preview.context["result"].invalid_rows] == [4]
    assert "NO-SUCH" in visible_text(preview)
    assert not LedgerEntry.objects.exists()


def test_a_user_without_the_import_permission_is_refused(client, office):
    clerk = UserFactory(role=Role.STATION_STAFF)  # in the back office, never the ledger's import
    client.force_login(clerk)
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, csv_bytes(ledger_rows(1, 2))).status_code == 403
    assert not LedgerEntry.objects.exists()


def test_the_staff_role_may_import_the_ledger(office):
    assert staff_user().has_perm("points.import_ledgerentry")
    assert not UserFactory(role=Role.UNIT_HANDLER).has_perm("points.import_ledgerentry")


@pytest.mark.usefixtures("small_thresholds")
def test_a_large_file_is_imported_by_a_job(client, office, django_capture_on_commit_callbacks):
    staff = staff_user()
    office(client).force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, csv_bytes(ledger_rows(3, 4)))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/congress/importjob/{job.pk}/progress/"
    text = visible_text(client.get(response["Location"]))
    assert "All 12 rows were imported" in text and "new records: 12" in text
    assert (job.status, job.rows_done, job.resource) == ("done", 12, "points.resources.ActivityParticipationResource")
    assert Activity.objects.count() == 3 and LedgerEntry.objects.filter(created_by=staff).count() == 12
    assert not storages["private"].exists(job.stored_name)


@pytest.mark.usefixtures("small_thresholds")
def test_a_large_bad_file_imports_nothing_and_its_job_names_the_lines(client, office,
                                                                      django_capture_on_commit_callbacks):
    office(client).force_login(staff_user())
    rows = ledger_rows(3, 4)
    rows[9][4] = rows[8][4]  # line 11 names the deputy of line 10 again, in another chunk
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, csv_bytes(rows))
    job = ImportJob.objects.get()
    assert job.status == "failed" and [error["line"] for error in job.errors] == [11]
    assert "line 10" in job.errors[0]["reason"]
    assert not Activity.objects.exists() and not LedgerEntry.objects.exists()
