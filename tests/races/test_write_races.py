"""Writes that a double click, a retry or a second phone repeats, raced for real on PostgreSQL:
rounds (RACE_ROUNDS, default 50, on services; RACE_ROUNDS_HTTP, default 50, through the API) of
20 concurrent attempts each leave exactly one effect, and the 19 others are a StateConflict
(service), a 409 (API) or a message (site), never a 500.

How each was shown to fail without its guard: the self-report and award tests run one round with
their constraint dropped (`without_constraint`) and see duplicates. Grades and co-signatures are
guarded twice, by a row lock on the handling/suggestion and by a unique constraint; with both
removed (lock and constraint, by hand) 20 concurrent grades gave 20 evaluations and co-signs 20
co-signatures; with only the constraint dropped the lock still keeps one."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from congress.errors import StateConflict
from congress.testing import race_rounds, run_race, sample_png, without_constraint
from congress.tests.factories import DeputyFactory, deputy_user, staff_user
from points.defaults import ensure_default_rules
from points.models import LedgerEntry, PointRule, PointRuleVersion, SelfReport
from points.services import entry_award, entry_self_report
from points.tests.factories import ActivityFactory
from suggestions import services
from suggestions.models import Cosignature, Evaluation
from suggestions.tests.factories import handling, submitted_suggestion

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("requires_postgres")]


def _clear_ledger():
    """Remove the duplicates so the constraint can be created again (the ledger is append-only:
    its trigger is paused for this clean-up of a test database only)."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE points_ledgerentry DISABLE TRIGGER points_ledger_append_only")
        LedgerEntry.objects.all().delete()
        SelfReport.objects.all().delete()
        cursor.execute("ALTER TABLE points_ledgerentry ENABLE TRIGGER points_ledger_append_only")


def _one_effect_each(rounds):
    assert [r["server_errors"] for r in rounds if r["server_errors"]] == []
    assert [r["effects"] for r in rounds] == [1] * len(rounds)


@pytest.fixture
def rules():
    ensure_default_rules(PointRule, PointRuleVersion)
    return {rule.code: rule for rule in PointRule.objects.all()}


# A race run without its constraint, to show the constraint is what prevents the duplicate: on a
# busy machine the twenty threads of one round can happen to run one after another, so the control
# runs a few rounds and expects a duplicate in at least one.
CONTROL_ROUNDS = 5


def _day(number: int) -> date:
    return date(2020, 1, 1) + timedelta(days=number)


def _self_report(deputy, rules, on):
    return entry_self_report(deputy=deputy, rule=rules["reception"], occurred_on=on, description="接待选民三人",
                             submitted_by=deputy.user,
                             evidence=SimpleUploadedFile("现场.png", sample_png(), "image/png"))


def test_self_reports_raced_give_one_entry_and_one_file(rules, tmp_path):
    deputy = DeputyFactory()
    deputy_user(deputy)
    rounds = run_race(prepare=_day, attempt=lambda on: _self_report(deputy, rules, on),
                      effects=lambda on: LedgerEntry.objects.filter(occurred_on=on).count())
    _one_effect_each(rounds)
    losers = [r for rnd in rounds for r in rnd["results"] if not isinstance(r, LedgerEntry)]
    assert all(isinstance(r, StateConflict) for r in losers)
    # Every losing attempt removed the file it had written: one file per stored report.
    files = [p for p in (tmp_path / "private").rglob("*") if p.is_file()]
    assert len(files) == SelfReport.objects.count() == len(rounds)


def test_without_the_constraint_self_reports_duplicate(rules):
    deputy = DeputyFactory()
    deputy_user(deputy)
    with without_constraint(SelfReport, "points_selfreport_one_open_per_activity"):
        rounds = run_race(prepare=_day, attempt=lambda on: _self_report(deputy, rules, on),
                          effects=lambda on: LedgerEntry.objects.filter(occurred_on=on).count(),
                          rounds=CONTROL_ROUNDS, record=False)
        _clear_ledger()
    assert any(r["effects"] > 1 for r in rounds)


def test_self_reports_raced_through_the_api_answer_one_201_and_409s(rules):
    deputy = DeputyFactory()
    login = deputy_user(deputy)

    def post(day):
        client = Client()
        client.force_login(login)
        return client.post("/api/v1/points/self-reports/", {
            "rule": "reception", "occurred_on": day.isoformat(), "description": "接待选民",
            "evidence": SimpleUploadedFile("p.png", sample_png(), "image/png")})

    # A day of its own per round (one pending report per deputy, rule, day and description).
    rounds = run_race(prepare=lambda n: date(2020, 1, 1) + timedelta(days=n % 366), attempt=post,
                      effects=lambda day: LedgerEntry.objects.filter(occurred_on=day).count(),
                      rounds=race_rounds(http=True))
    _one_effect_each(rounds)
    assert all(sorted(r.status_code for r in rnd["results"]) == [201] + [409] * 19 for rnd in rounds)


def test_awards_raced_give_one_entry(rules):
    deputy = DeputyFactory()
    rounds = run_race(prepare=lambda n: ActivityFactory(rule=rules["meeting_attendance"]),
                      attempt=lambda activity: entry_award(deputy=deputy, rule_code="meeting_attendance",
                                                           source=activity, occurred_on=date(2020, 6, 1)),
                      effects=lambda activity: LedgerEntry.objects.filter(source_id=activity.pk).count())
    _one_effect_each(rounds)


def test_without_the_constraint_awards_duplicate(rules):
    deputy = DeputyFactory()
    with without_constraint(LedgerEntry, "points_entry_one_award_per_source"):
        rounds = run_race(prepare=lambda n: ActivityFactory(rule=rules["meeting_attendance"]),
                          attempt=lambda activity: entry_award(deputy=deputy, rule_code="meeting_attendance",
                                                               source=activity, occurred_on=date(2020, 6, 1)),
                          effects=lambda activity: LedgerEntry.objects.filter(source_id=activity.pk).count(),
                          rounds=CONTROL_ROUNDS, record=False)
        _clear_ledger()
    assert any(r["effects"] > 1 for r in rounds)


def test_grades_raced_through_the_api_give_one_evaluation_and_409s():
    staff = staff_user()

    def post(h):
        client = Client()
        client.force_login(staff)
        return client.post(f"/api/v1/suggestions/handlings/{h.pk}/grade/", {"stage": "reply", "grade": "A"},
                           content_type="application/json")

    rounds = run_race(prepare=lambda n: handling(stage="reply_submitted"), attempt=post,
                      effects=lambda h: Evaluation.objects.filter(handling=h).count(), rounds=race_rounds(http=True))
    _one_effect_each(rounds)
    assert all(sorted(r.status_code for r in rnd["results"]) == [201] + [409] * 19 for rnd in rounds)


def test_cosignatures_raced_through_the_api_give_one_and_409s():
    cosigner = DeputyFactory()
    login = deputy_user(cosigner)

    def post(suggestion):
        client = Client()
        client.force_login(login)
        return client.post(f"/api/v1/suggestions/open-for-cosigning/{suggestion.pk}/cosign/", {},
                           content_type="application/json")

    rounds = run_race(prepare=lambda n: submitted_suggestion(), attempt=post,
                      effects=lambda s: Cosignature.objects.filter(suggestion=s).count(), rounds=race_rounds(http=True))
    _one_effect_each(rounds)
    assert all(sorted(r.status_code for r in rnd["results"]) == [201] + [409] * 19 for rnd in rounds)


def test_cosignatures_raced_on_the_service_give_one():
    cosigner = DeputyFactory()
    login = deputy_user(cosigner)
    rounds = run_race(prepare=lambda n: submitted_suggestion(),
                      attempt=lambda s: services.suggestion_cosign(suggestion=s, deputy=cosigner, signed_by=login),
                      effects=lambda s: Cosignature.objects.filter(suggestion=s).count(), rounds=2)
    _one_effect_each(rounds)


def test_one_file_imported_twenty_times_at_once_records_its_activity_once(rules):
    from points.models import Activity
    from points.services import ParticipationRow, activities_import

    staff = staff_user()
    deputies = [DeputyFactory(), DeputyFactory()]

    def import_file(reference):
        return activities_import(imported_by=staff, rows=[
            ParticipationRow(line=line, reference=reference, rule=rules["inspection"], occurred_on=date(2020, 6, 1),
                             title="视察老旧小区改造", deputy=deputy) for line, deputy in enumerate(deputies, 2)])

    def recorded(reference):
        activities = Activity.objects.filter(reference=reference)
        entries = LedgerEntry.objects.filter(source_id__in=activities.values("pk")).exclude(kind="reversal")
        # one effect: one activity whose two deputies were each awarded once
        return 1 if (activities.count(), entries.count()) == (1, 2) else activities.count() + entries.count()

    rounds = run_race(prepare=lambda n: f"RACE-{n:03d}", attempt=import_file, effects=recorded)
    _one_effect_each(rounds)
    lost = [r for rnd in rounds for r in rnd["results"] if isinstance(r, StateConflict)]
    assert all("import" in str(error).lower() or "导入" in str(error) for error in lost)
