"""A background import with bad rows imports nothing, even rows of chunks already checked, and
its page lists every bad row by its line in the file with the reason; wrong columns are named
in plain words."""

import pytest

from congress.audit import Action
from congress.models import AuditEvent, Deputy, ImportJob
from congress.tests.factories import staff_user
from congress.tests.importjobs import deputies_csv, in_english, upload, visible_text
from congress.tests.test_import import registry  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("small_thresholds")]


@pytest.fixture
def staff_client(client, registry):  # noqa: F811
    client.force_login(staff_user())
    return in_english(client)


def test_bad_rows_in_later_chunks_import_nothing_and_each_is_listed(staff_client, django_capture_on_commit_callbacks):
    bad = {4: ["D-0003", "张敏", "female", "律师", "1", "不存在街道", "C01", "serving", "0"],
           11: ["D-0010", "陈静", "robot", "社工", "1", "坪山街道", "C01", "serving", "0"]}
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff_client, deputies_csv(12, bad))
    job = ImportJob.objects.get()
    assert job.status == "failed" and [error["line"] for error in job.errors] == [4, 11]
    assert not Deputy.objects.exists()  # rows 1-3 (first chunk) were valid: rolled back too
    assert not AuditEvent.objects.filter(action=Action.IMPORTED).exists()
    text = visible_text(staff_client.get(response["Location"]))
    assert "Nothing was imported: 2 problems to fix" in text
    assert "4 street: No street is “不存在街道”" in text, text
    assert "11 gender:" in text and "robot" in text


def test_wrong_columns_are_named_in_plain_words(staff_client, django_capture_on_commit_callbacks):
    content = deputies_csv(8).replace(b"occupation", b"job", 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(staff_client, content)
    job = ImportJob.objects.get()
    assert job.status == "failed" and len(job.errors) == 1 and job.errors[0]["line"] is None
    text = visible_text(staff_client.get(response["Location"]))
    assert "missing columns: occupation" in text and "columns this import does not know: job" in text
    assert "the file" in text
    assert not Deputy.objects.exists()
