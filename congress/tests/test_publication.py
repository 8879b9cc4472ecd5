"""The quarterly publication (SPEC §8): every registered part in one transaction, once per quarter;
corrections are new revisions with a reason; a quarter is due 10 days after it ends."""

import io
import time
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from congress.errors import DomainError
from congress.models import Notice, Publication
from congress.periods import Quarter
from congress.registry import PublicationPart, registry
from congress.services import publish_due_quarter, quarter_correct, quarter_due_for_publication, quarter_publish
from congress.testing import run_in_threads
from congress.tests.factories import OrganizationFactory, staff_user

Q4 = Quarter(2020, 4)
AFTER = date(2021, 2, 1)


def snapshot_part(organization_id):
    """A stand-in for an app's part: one snapshot row (a Notice) per publication."""
    def write(publication):
        Notice.objects.create(organization_id=organization_id, kind="snapshot",
                              message=f"{publication.quarter} r{publication.revision}")
    return PublicationPart("snapshot", write)


def failing_part(publication):
    raise RuntimeError("the points part failed half-way")


@pytest.fixture
def parts(monkeypatch, db):
    organization = OrganizationFactory()
    registered = [snapshot_part(organization.pk)]
    monkeypatch.setattr(registry, "publication_parts", registered)
    return registered


def snapshots():
    return list(Notice.objects.filter(kind="snapshot").order_by("pk").values_list("message", flat=True))


@pytest.mark.django_db
def test_publishing_a_quarter_twice_gives_one_publication(parts):
    first = quarter_publish(quarter=Q4, today=AFTER)
    second = quarter_publish(quarter=Q4, today=AFTER)
    assert first == second
    assert list(Publication.objects.values_list("quarter", "revision")) == [("2020Q4", 1)]
    assert snapshots() == ["2020Q4 r1"]


@pytest.mark.django_db
def test_a_part_failing_half_way_leaves_nothing(parts):
    parts.append(PublicationPart("broken", failing_part))
    with pytest.raises(RuntimeError):
        quarter_publish(quarter=Q4, today=AFTER)
    assert not Publication.objects.exists()
    assert snapshots() == []


@pytest.mark.django_db
def test_an_unfinished_quarter_is_refused_with_the_day_it_can_be_published(parts):
    with pytest.raises(DomainError) as refused:
        quarter_publish(quarter=Q4, today=date(2020, 12, 31))
    assert "2020Q4" in str(refused.value.message) and "2021-01-01" in str(refused.value.message)
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_a_correction_needs_a_reason_and_makes_a_new_revision(parts):
    staff = staff_user()
    quarter_publish(quarter=Q4, today=AFTER)
    with pytest.raises(DomainError) as refused:
        quarter_correct(quarter=Q4, reason="  ", corrected_by=staff)
    assert refused.value.field == "reason"
    correction = quarter_correct(quarter=Q4, reason="石井街道两条记录重复", corrected_by=staff)
    assert (correction.revision, correction.reason, correction.published_by) == (2, "石井街道两条记录重复", staff)
    assert list(Publication.objects.current().values_list("revision", flat=True)) == [2]
    assert snapshots() == ["2020Q4 r1", "2020Q4 r2"], "the first revision stays as history"


@pytest.mark.django_db
def test_a_correction_of_an_unpublished_quarter_is_a_conflict(parts):
    from congress.errors import StateConflict

    with pytest.raises(StateConflict):
        quarter_correct(quarter=Q4, reason="理由", corrected_by=staff_user())
    assert not Publication.objects.exists()


@pytest.mark.parametrize("today, due", [
    (date(2021, 1, 10), "2020Q3"),   # 2020Q4 ended on 31 December; 10 days of grace
    (date(2021, 1, 11), "2020Q4"),
    (date(2021, 4, 10), "2020Q4"),
    (date(2021, 4, 11), "2021Q1"),
])
def test_a_quarter_is_due_after_ten_days_of_grace(today, due):
    assert str(quarter_due_for_publication(today=today, grace_days=10)) == due


@pytest.mark.django_db
def test_the_daily_task_publishes_the_due_quarter_once(parts):
    assert publish_due_quarter(today=date(2021, 1, 11)).quarter == "2020Q4"
    assert publish_due_quarter(today=date(2021, 1, 12)) is None
    assert Publication.objects.count() == 1


def test_the_daily_task_catches_up_on_quarters_missed_since_the_first_publication(parts):
    quarter_publish(quarter=Quarter(2020, 1), today=AFTER)
    # The beat was down from July to February: 2020Q2, Q3 and Q4 are all published now, oldest first.
    assert publish_due_quarter(today=AFTER).quarter == "2020Q4"
    assert sorted(Publication.objects.values_list("quarter", flat=True)) == ["2020Q1", "2020Q2", "2020Q3", "2020Q4"]


def test_the_daily_task_never_backfills_before_the_first_publication(parts):
    publish_due_quarter(today=AFTER)
    assert list(Publication.objects.values_list("quarter", flat=True)) == ["2020Q4"]


@pytest.mark.django_db
def test_the_command_prints_its_progress_and_is_idempotent(parts, monkeypatch):
    import congress.services

    monkeypatch.setattr(congress.services, "local_date", lambda _now: AFTER)
    out = io.StringIO()
    call_command("publish_quarter", "2020Q4", stdout=out)
    lines = out.getvalue().splitlines()
    assert any("snapshot" in line and "2020Q4" in line for line in lines[:-1]), lines  # a line per part
    assert "2020Q4" in lines[-1] and "1" in lines[-1]
    again = io.StringIO()
    call_command("publish_quarter", "2020Q4", stdout=again)
    assert "already published" in again.getvalue()
    assert Publication.objects.count() == 1 and snapshots() == ["2020Q4 r1"]


@pytest.mark.django_db
def test_the_command_refuses_a_bad_quarter_and_a_correction_without_staff(parts):
    with pytest.raises(CommandError, match="2020Q4"):
        call_command("publish_quarter", "2020Q5")
    with pytest.raises(CommandError):
        call_command("publish_quarter", "2020Q4", "--correction", "理由")
    assert not Publication.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_publishing_gives_exactly_one_publication(requires_postgres, parts):
    def slow_part(publication):
        time.sleep(0.2)  # keep the first transaction open while the others arrive

    parts.append(PublicationPart("slow", slow_part))
    results = run_in_threads(8, lambda: quarter_publish(quarter=Q4, today=AFTER))
    assert all(isinstance(r, Publication) for r in results), results
    assert {r.pk for r in results} == set(Publication.objects.values_list("pk", flat=True))
    assert Publication.objects.count() == 1
    assert snapshots() == ["2020Q4 r1"]


@pytest.mark.django_db
def test_the_beat_task_publishes_the_due_quarter(parts, monkeypatch):
    import congress.services
    from congress.tasks import publish_due_quarter_task

    monkeypatch.setattr(congress.services, "local_date", lambda _now: date(2021, 1, 11))
    assert publish_due_quarter_task.delay().get() == str(Publication.objects.get(quarter="2020Q4"))
    assert publish_due_quarter_task.delay().get() is None
    assert snapshots() == ["2020Q4 r1"]
