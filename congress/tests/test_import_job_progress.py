"""While a background import runs, its JSON endpoint shows the rows checked so far, never going
back, up to every row (progress is written through its own connection: visible while the
import's transaction is open). Its page refreshes itself without any script."""

import pytest

from congress import services
from congress.models import ImportJob
from congress.resources import DeputyResource
from congress.services import import_job_create, import_job_run
from congress.tests.factories import staff_user
from congress.tests.importjobs import deputies_csv, in_english, visible_text
from congress.tests.test_import import registry  # noqa: F401

pytestmark = pytest.mark.usefixtures("small_thresholds")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("not_queued")
def test_progress_is_seen_during_the_import_and_only_grows(requires_postgres, registry,  # noqa: F811
                                                          not_queued, client, monkeypatch):
    staff = staff_user()
    in_english(client).force_login(staff)
    job = import_job_create(user=staff, resource_class=DeputyResource, data=deputies_csv(18),
                            file_name="deputies.csv", file_format="csv")
    url = f"/admin/congress/importjob/{job.pk}/progress.json"
    seen, pages = [], []
    write = services._ProgressWriter.__call__

    def write_and_look(self, done, total):
        write(self, done, total)
        # The page's reader, asked from inside the import's open transaction.
        seen.append(client.get(url).json())
        pages.append(visible_text(client.get(f"/admin/congress/importjob/{job.pk}/progress/")))

    monkeypatch.setattr(services._ProgressWriter, "__call__", write_and_look)
    assert client.get(url).json() == {"status": "queued", "finished": False, "rows_done": 0,
                                      "rows_total": None, "bad_rows": 0}
    import_job_run(job_id=job.pk)
    done = [answer["rows_done"] for answer in seen]
    assert done == [4, 8, 12, 16, 18]  # chunks of 4 (IMPORT_JOB_CHUNK_ROWS)
    assert all(answer["status"] == "running" and answer["rows_total"] == 18 for answer in seen)
    assert "8 of 18 rows checked" in pages[1]
    assert client.get(url).json() == {"status": "done", "finished": True, "rows_done": 18,
                                      "rows_total": 18, "bad_rows": 0}


@pytest.mark.django_db
def test_the_page_refreshes_itself_without_a_script_while_the_job_runs(registry, client):  # noqa: F811
    staff = staff_user()
    client.force_login(staff)
    job = import_job_create(user=staff, resource_class=DeputyResource, data=deputies_csv(6),
                            file_name="deputies.csv", file_format="csv")
    page = client.get(f"/admin/congress/importjob/{job.pk}/progress/").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "<script>" not in page and " style=" not in page
    assert ImportJob.objects.get().status == "queued"  # on_commit never ran: the job waits
