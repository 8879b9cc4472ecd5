"""The import limits still come before any heavy work: a file over the byte limit is refused in
the request (no job, nothing stored); a job whose file is over the row limit fails with the
limit's message before any row reaches the resource."""

import pytest
from django.utils import translation

from congress.importing import PortalResource
from congress.models import Deputy, ImportJob
from congress.resources import DeputyResource
from congress.services import import_job_create, import_job_run
from congress.tests.factories import staff_user
from congress.tests.importjobs import deputies_csv, in_english, upload, visible_text
from congress.tests.test_import import registry  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_thresholds")]


def test_a_file_over_the_byte_limit_is_refused_before_a_job_exists(client, registry,  # noqa: F811
                                                                    settings, tmp_path):
    settings.IMPORT_LIMITS = {**settings.IMPORT_LIMITS, "max_bytes": 500}
    in_english(client).force_login(staff_user())
    response = upload(client, deputies_csv(40))
    assert response.status_code == 302
    assert "larger than" in visible_text(client.get(response["Location"]))
    assert not ImportJob.objects.exists() and not any(tmp_path.iterdir())


def test_a_job_over_the_row_limit_fails_before_importing_a_row(registry, settings,  # noqa: F811
                                                                monkeypatch):
    settings.IMPORT_LIMITS = {**settings.IMPORT_LIMITS, "max_rows": 10}
    monkeypatch.setattr(PortalResource, "import_data", lambda *a, **k: pytest.fail("rows were imported"))
    job = import_job_create(user=staff_user(), resource_class=DeputyResource, data=deputies_csv(30),
                            file_name="big.csv", file_format="csv")
    with translation.override("en"):
        job = import_job_run(job_id=job.pk)
    assert job.status == "failed"
    assert job.errors == [{"line": None, "reason": "The file has more than 10 rows; split it into smaller files."}]
    assert not Deputy.objects.exists()
