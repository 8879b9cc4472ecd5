"""The list of import jobs and a job's progress answer run the same number of SQL queries with 2
and with 20 jobs (of several senders and kinds of records)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress.models import ImportJob
from congress.tests.factories import staff_user

pytestmark = pytest.mark.django_db


def build(n: int) -> list[ImportJob]:
    return [ImportJob.objects.create(created_by=staff_user(), resource="congress.resources.DeputyResource",
                                     model_label="congress.deputy" if i % 2 else "congress.street",
                                     file_name=f"file{i}.csv", file_format="csv") for i in range(n)]


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_the_job_list_and_the_progress_answer_do_not_grow_with_the_jobs(client):
    viewer = staff_user()
    client.force_login(viewer)
    small = build(2)
    few = (count(client, "/admin/congress/importjob/"),
           count(client, f"/admin/congress/importjob/{small[0].pk}/progress.json"))
    more = build(18)
    many = (count(client, "/admin/congress/importjob/"),
            count(client, f"/admin/congress/importjob/{more[-1].pk}/progress.json"))
    assert few == many
    assert "file17.csv" in client.get("/admin/congress/importjob/").content.decode()
