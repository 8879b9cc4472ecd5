"""Import jobs are seen only in the back office, by those who may import those records: a
deputy gets 403 on a job's page and its JSON, a back-office user without the import permission
404, and neither sees it listed."""

import pytest

from congress.resources import DeputyResource
from congress.roles import Role
from congress.services import import_job_create
from congress.tests.factories import UserFactory, deputy_user, staff_user
from congress.tests.importjobs import deputies_csv
from congress.tests.test_import import registry  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_thresholds")]


@pytest.fixture
def job(registry):  # noqa: F811
    return import_job_create(user=staff_user(), resource_class=DeputyResource, data=deputies_csv(6),
                             file_name="deputies.csv", file_format="csv")


def test_a_deputy_gets_403(client, job):
    client.force_login(deputy_user())
    assert client.get(f"/admin/congress/importjob/{job.pk}/progress/").status_code == 403
    assert client.get(f"/admin/congress/importjob/{job.pk}/progress.json").status_code == 403


def test_an_anonymous_reader_is_sent_to_the_login(client, job):
    response = client.get(f"/admin/congress/importjob/{job.pk}/progress/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get(f"/admin/congress/importjob/{job.pk}/progress.json").status_code == 403


def test_back_office_staff_without_the_import_permission_get_404_and_an_empty_list(client, job):
    client.force_login(UserFactory(role=Role.STATION_STAFF))
    assert client.get(f"/admin/congress/importjob/{job.pk}/progress/").status_code == 404
    assert client.get(f"/admin/congress/importjob/{job.pk}/progress.json").status_code == 404
    listing = client.get("/admin/congress/importjob/")
    assert listing.status_code == 200 and "deputies.csv" not in listing.content.decode()


def test_another_staff_member_sees_the_job(client, job):
    client.force_login(staff_user())
    assert client.get(f"/admin/congress/importjob/{job.pk}/progress.json").json()["status"] == "queued"
    assert "deputies.csv" in client.get("/admin/congress/importjob/").content.decode()
