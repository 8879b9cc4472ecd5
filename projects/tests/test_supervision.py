"""Implementation supervision: who may report and approve, from-state refusals that change
nothing, completion and carry-over, inspections that award points, the quality evaluation."""

from datetime import date

import pytest

from congress.errors import DomainError, NotPermitted, StateConflict
from congress.tests.factories import OrganizationFactory, deputy_user, unit_user
from points.models import LedgerEntry
from projects.models import KeyProject, ProgressReport
from projects.services import (
    inspection_record,
    milestone_add,
    progress_report_approve,
    progress_report_return,
    progress_report_submit,
    project_carry_over,
    project_complete,
    quality_evaluation_record,
)
from projects.tests.factories import DeputyFactory, KeyProjectFactory, elected_project

pytestmark = pytest.mark.django_db


def report(project, user, percent=40, on=date(2020, 6, 30), **kwargs):
    return progress_report_submit(project=project, reported_on=on, percent_complete=percent, text="进展顺利",
                                  submitted_by=user, **kwargs)


def test_the_lead_unit_reports_and_staff_approve(staff):
    project = elected_project(staff)
    handler = unit_user(project.lead_unit)
    milestone = milestone_add(project=project, title="开工建设", due_on=date(2020, 5, 1), added_by=handler)
    submitted = report(project, handler, milestone=milestone)
    assert submitted.status == "submitted"
    assert KeyProject.objects.get(pk=project.pk).status == "planned"
    progress_report_approve(report=submitted, approved_by=staff)
    project.refresh_from_db()
    milestone.refresh_from_db()
    assert project.status == "in_progress"
    assert milestone.reached_on == date(2020, 6, 30)


def test_another_unit_a_deputy_or_a_citizen_cannot_report(staff):
    project = elected_project(staff)
    for user in (unit_user(OrganizationFactory()), deputy_user()):
        with pytest.raises(NotPermitted):
            report(project, user)
    assert not ProgressReport.objects.exists()


def test_only_staff_approve_or_return_and_only_a_submitted_report(staff):
    project = elected_project(staff)
    handler = unit_user(project.lead_unit)
    submitted = report(project, handler)
    with pytest.raises(NotPermitted):
        progress_report_approve(report=submitted, approved_by=handler)
    with pytest.raises(DomainError, match="reason|原因"):
        progress_report_return(report=submitted, reason=" ", returned_by=staff)
    assert ProgressReport.objects.get(pk=submitted.pk).status == "submitted"
    progress_report_approve(report=submitted, approved_by=staff)
    with pytest.raises(StateConflict):
        progress_report_approve(report=submitted, approved_by=staff)
    with pytest.raises(StateConflict):
        progress_report_return(report=submitted, reason="数据有误", returned_by=staff)
    stored = ProgressReport.objects.get(pk=submitted.pk)
    assert (stored.status, stored.reason) == ("approved", "")


def test_one_report_awaits_at_a_time_and_progress_never_goes_back(staff):
    project = elected_project(staff)
    handler = unit_user(project.lead_unit)
    first = report(project, handler, percent=50)
    with pytest.raises(StateConflict):
        report(project, handler, percent=60)
    progress_report_approve(report=first, approved_by=staff)
    with pytest.raises(DomainError, match="50"):
        report(project, handler, percent=30)
    with pytest.raises(DomainError):
        report(project, handler, percent=60, on=date(2999, 1, 1))
    assert ProgressReport.objects.count() == 1


def test_a_returned_report_can_be_sent_again(staff):
    project = elected_project(staff)
    handler = unit_user(project.lead_unit)
    progress_report_return(report=report(project, handler), reason="请补充资金使用情况", returned_by=staff)
    assert report(project, handler).status == "submitted"


def test_a_candidate_or_rejected_project_is_not_supervised(staff):
    project = KeyProjectFactory()
    with pytest.raises(StateConflict):
        report(project, staff)
    with pytest.raises(StateConflict):
        inspection_record(project=project, occurred_on=date(2020, 6, 1), findings="x", deputies=[DeputyFactory()],
                          recorded_by=staff)


def test_completion_needs_an_approved_report_at_100_percent(staff):
    project = elected_project(staff)
    with pytest.raises(StateConflict):
        project_complete(project=project, completed_on=date(2020, 12, 1), completed_by=staff)
    progress_report_approve(report=report(project, staff, percent=90), approved_by=staff)
    with pytest.raises(DomainError, match="100"):
        project_complete(project=project, completed_on=date(2020, 12, 1), completed_by=staff)
    progress_report_approve(report=report(project, staff, percent=100, on=date(2020, 11, 30)), approved_by=staff)
    with pytest.raises(DomainError):
        project_complete(project=project, completed_on=date(2020, 11, 1), completed_by=staff)
    project_complete(project=project, completed_on=date(2020, 12, 1), completed_by=staff)
    assert KeyProject.objects.get(pk=project.pk).status == "completed"
    with pytest.raises(StateConflict):
        project_carry_over(project=project, reason="跨年度", carried_by=staff)


def test_carrying_over_needs_a_reason_and_the_project_goes_on(staff):
    project = elected_project(staff)
    with pytest.raises(DomainError):
        project_carry_over(project=project, reason="", carried_by=staff)
    project_carry_over(project=project, reason="建设周期跨年度", carried_by=staff)
    assert KeyProject.objects.get(pk=project.pk).status == "carried_over"
    progress_report_approve(report=report(project, staff, percent=70, on=date(2021, 3, 31)), approved_by=staff)
    progress_report_approve(report=report(project, staff, percent=100, on=date(2021, 6, 30)), approved_by=staff)
    project_complete(project=project, completed_on=date(2021, 7, 1), completed_by=staff)
    assert KeyProject.objects.get(pk=project.pk).status == "completed"


def test_an_inspection_awards_each_participant_once_and_only_group_members_take_part(staff, rules):
    project = elected_project(staff)
    members = [m.deputy for m in project.memberships.all()]
    with pytest.raises(DomainError, match="supervision group|监督小组"):
        inspection_record(project=project, occurred_on=date(2020, 7, 1), findings="现场查看",
                          deputies=[members[0], DeputyFactory(name="局外人")], recorded_by=staff)
    assert not LedgerEntry.objects.exists()
    with pytest.raises(NotPermitted):
        inspection_record(project=project, occurred_on=date(2020, 7, 1), findings="现场查看", deputies=members[:2],
                          recorded_by=deputy_user(members[0]))
    inspection = inspection_record(project=project, occurred_on=date(2020, 7, 1), findings="现场查看",
                                   deputies=members[:2], recorded_by=staff)
    entries = LedgerEntry.objects.filter(rule__code="project_inspection", source_id=inspection.pk)
    assert sorted(entries.values_list("deputy_id", "points")) == sorted((d.pk, 8) for d in members[:2])


def test_the_quality_evaluation_is_recorded_once(staff):
    project = elected_project(staff)
    quality_evaluation_record(project=project, evaluator="检测中心", evaluated_on=date(2021, 1, 5), score=92,
                              grade="excellent", summary="质量良好", recorded_by=staff)
    with pytest.raises(StateConflict):
        quality_evaluation_record(project=project, evaluator="检测中心", evaluated_on=date(2021, 1, 5), score=80,
                                  grade="good", summary="x", recorded_by=staff)
    with pytest.raises(DomainError):
        quality_evaluation_record(project=elected_project(staff), evaluator="x", evaluated_on=date(2021, 1, 5),
                                  score=120, grade="good", summary="x", recorded_by=staff)
