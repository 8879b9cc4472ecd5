"""The points part of the quarterly publication, through the real congress services
(quarter_publish / quarter_correct / publish_due_quarter). Other apps' parts are left out so a
half-built neighbour cannot fail these tests; the mechanism is the same for every part."""

from datetime import date

import pytest

from congress.errors import DomainError, StateConflict
from congress.models import Publication
from congress.periods import Quarter
from congress.registry import registry
from congress.services import publish_due_quarter, quarter_correct, quarter_publish
from congress.testing import run_in_threads
from congress.tests.factories import staff_user
from points.defaults import ensure_default_rules
from points.models import DeputyPointsSnapshot, DistrictPointsSnapshot, PointRule, PointRuleVersion
from points.selectors import publication_current, published_ranking
from points.tests.factories import award, small_district

Q2 = Quarter(2020, 2)


@pytest.fixture
def only_points_part(monkeypatch):
    parts = [part for part in registry.publication_parts if part.name == "points"]
    assert parts, "PointsConfig.ready() registers the points part"
    monkeypatch.setattr(registry, "publication_parts", parts)
    return parts


def snapshot(publication):
    return {row.deputy_name: (row.quarter_points, row.quarter_rank, row.year_points, row.year_rank)
            for row in published_ranking(publication=publication)}


@pytest.mark.django_db
def test_publication_writes_deputy_rows_and_the_district_row(only_points_part, rules, staff):
    small_district(rules, staff)
    publication = quarter_publish(quarter=Q2)
    assert snapshot(publication) == {"二号": (15, 1, 15, 1), "一号": (5, 2, 15, 1), "三号": (0, 3, 0, 3)}
    district = publication.points_district
    assert (district.quarter_points, district.year_points, district.last_year_quarter_points,
            district.last_year_points, district.deputy_count) == (20, 30, 8, 18, 3)
    assert str(district.quarter_growth) == "1.5000"


@pytest.mark.django_db
def test_publishing_twice_gives_one_snapshot(only_points_part, rules, staff):
    small_district(rules, staff)
    first = quarter_publish(quarter=Q2)
    award(first.points_deputy_rows.first().deputy, rules, "topic_lead", date(2020, 6, 3))
    second = quarter_publish(quarter=Q2)
    assert second.pk == first.pk
    assert Publication.objects.count() == 1
    assert DeputyPointsSnapshot.objects.count() == 3
    assert DistrictPointsSnapshot.objects.get().quarter_points == 20


@pytest.mark.django_db
def test_an_unfinished_quarter_cannot_be_published(only_points_part, rules):
    with pytest.raises(DomainError):
        quarter_publish(quarter=Q2, today=date(2020, 6, 30))
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_an_exception_half_way_leaves_no_snapshot(monkeypatch, only_points_part, rules, staff):
    small_district(rules, staff)

    def broken_part(publication):
        raise RuntimeError("disk full")

    monkeypatch.setattr(registry, "publication_parts", [*only_points_part, type(only_points_part[0])("broken",
                                                                                                     broken_part)])
    with pytest.raises(RuntimeError):
        quarter_publish(quarter=Q2)
    assert not Publication.objects.exists()
    assert not DeputyPointsSnapshot.objects.exists()
    assert not DistrictPointsSnapshot.objects.exists()


@pytest.mark.django_db
def test_a_correction_is_a_new_revision_with_a_reason(only_points_part, rules, staff):
    d1, _, _ = small_district(rules, staff)
    first = quarter_publish(quarter=Q2)
    award(d1, rules, "issue_resolved", date(2020, 6, 20))  # verified late, after publication
    with pytest.raises(DomainError):
        quarter_correct(quarter=Q2, reason=" ", corrected_by=staff)
    corrected = quarter_correct(quarter=Q2, reason="补录一号代表6月解决的民生问题", corrected_by=staff)
    assert (corrected.revision, corrected.reason) == (2, "补录一号代表6月解决的民生问题")
    assert snapshot(first)["一号"] == (5, 2, 15, 1)
    assert snapshot(corrected)["一号"] == (20, 1, 30, 1)
    assert publication_current(quarter=Q2).pk == corrected.pk


@pytest.mark.django_db
def test_a_correction_needs_a_published_quarter(only_points_part, staff):
    with pytest.raises(StateConflict):
        quarter_correct(quarter=Q2, reason="更正", corrected_by=staff)


@pytest.mark.django_db
def test_beat_service_publishes_after_the_grace_period(only_points_part, rules, staff, settings):
    small_district(rules, staff)
    settings.PUBLICATION_GRACE_DAYS = 10
    assert publish_due_quarter(today=date(2020, 7, 10)).quarter == "2020Q1"
    assert publish_due_quarter(today=date(2020, 7, 11)).quarter == "2020Q2"
    assert publish_due_quarter(today=date(2020, 7, 12)) is None
    assert sorted(Publication.objects.values_list("quarter", flat=True)) == ["2020Q1", "2020Q2"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_give_one_snapshot(requires_postgres, only_points_part):
    ensure_default_rules(PointRule, PointRuleVersion)
    rules = {rule.code: rule for rule in PointRule.objects.all()}
    small_district(rules, staff_user())

    results = run_in_threads(8, lambda: quarter_publish(quarter=Q2))

    assert [r for r in results if isinstance(r, Exception)] == []
    assert len({r.pk for r in results}) == 1
    assert Publication.objects.count() == 1
    assert DeputyPointsSnapshot.objects.count() == 3
    assert DistrictPointsSnapshot.objects.count() == 1


@pytest.mark.django_db
def test_publish_quarter_command_publishes_once(only_points_part, rules, staff):
    from io import StringIO

    from django.core.management import call_command

    small_district(rules, staff)
    out = StringIO()
    call_command("publish_quarter", "2020Q2", stdout=out)
    call_command("publish_quarter", "2020Q2", stdout=out)
    assert "already published" in out.getvalue()
    assert DistrictPointsSnapshot.objects.get().quarter_points == 20


def test_the_beat_schedule_runs_the_due_publication_daily():
    from congress.celery import app

    tasks = [entry["task"] for entry in app.conf.beat_schedule.values()]
    assert "congress.tasks.publish_due_quarter_task" in tasks


@pytest.mark.django_db(transaction=True)
def test_concurrent_corrections_each_get_their_own_revision(requires_postgres, only_points_part):
    """Five staff members correcting at once: each correction waits for the previous one and
    becomes the next revision, whole."""
    ensure_default_rules(PointRule, PointRuleVersion)
    rules = {rule.code: rule for rule in PointRule.objects.all()}
    staff = staff_user()
    small_district(rules, staff)
    quarter_publish(quarter=Q2)

    results = run_in_threads(5, lambda: quarter_correct(quarter=Q2, reason="更正", corrected_by=staff))

    assert all(isinstance(r, Publication) for r in results), results
    revisions = list(Publication.objects.for_quarter(Q2).values_list("revision", flat=True).order_by("revision"))
    assert revisions == [1, 2, 3, 4, 5, 6]
    assert DistrictPointsSnapshot.objects.count() == len(revisions)
