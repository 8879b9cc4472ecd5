"""The back office keeps the projects' public record: an inspection (its points awarded), a
quality score, a settled project and a micro-project the residents voted on cannot be deleted or
rewritten there; only what nobody has acted on yet can go."""

from datetime import date
from decimal import Decimal

import pytest

from points.models import LedgerEntry
from projects.models import Inspection, KeyProject, MicroProject, QualityEvaluation
from projects.services import inspection_record, quality_evaluation_record
from projects.tests.factories import KeyProjectFactory, elected_project
from projects.tests.test_micro_projects import proposal, setting  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_an_inspection_cannot_be_deleted_and_its_points_stay(client, staff, rules):
    project = elected_project(staff)
    members = [m.deputy for m in project.memberships.all()]
    inspection = inspection_record(project=project, occurred_on=date(2020, 7, 1), findings="现场查看",
                                   deputies=members[:2], recorded_by=staff)
    client.force_login(staff)
    assert client.get(f"/admin/projects/inspection/{inspection.pk}/delete/").status_code == 403
    response = client.post("/admin/projects/inspection/", {"action": "delete_selected", "post": "yes",
                                                           "_selected_action": [inspection.pk]}, follow=True)
    assert response.status_code in (200, 403)
    assert Inspection.objects.filter(pk=inspection.pk).exists()
    assert LedgerEntry.objects.filter(source_id=inspection.pk, rule__code="project_inspection").count() == 2


def test_a_quality_score_cannot_be_deleted(client, staff):
    evaluation = quality_evaluation_record(project=elected_project(staff), evaluator="检测中心",
                                           evaluated_on=date(2021, 1, 5), score=92, grade="excellent",
                                           summary="质量良好", recorded_by=staff)
    client.force_login(staff)
    assert client.get(f"/admin/projects/qualityevaluation/{evaluation.pk}/delete/").status_code == 403
    assert QualityEvaluation.objects.filter(pk=evaluation.pk).exists()


def test_a_completed_project_is_frozen_and_a_candidate_can_go(client, staff):
    done = elected_project(staff, budget=Decimal("4012.00"))
    KeyProject.objects.filter(pk=done.pk).update(status="completed", completed_on=date(2020, 12, 1))
    client.force_login(staff)
    page = client.get(f"/admin/projects/keyproject/{done.pk}/change/").content.decode()
    assert 'name="budget"' not in page and "4012.00" in page
    assert 'name="milestones-0-title"' not in page  # its milestones freeze with it
    client.post(f"/admin/projects/keyproject/{done.pk}/change/", {"budget": "4013.00", "title": "改"})
    assert KeyProject.objects.get(pk=done.pk).budget == Decimal("4012.00")
    assert client.get(f"/admin/projects/keyproject/{done.pk}/delete/").status_code == 403

    candidate = KeyProjectFactory()
    assert client.get(f"/admin/projects/keyproject/{candidate.pk}/delete/").status_code == 200
    client.post(f"/admin/projects/keyproject/{candidate.pk}/delete/", {"post": "yes"})
    assert not KeyProject.objects.filter(pk=candidate.pk).exists()


def test_a_proposal_can_go_until_the_station_takes_it_up(client, setting):  # noqa: F811
    from projects.services import micro_project_collect

    staff = setting["staff"]
    client.force_login(staff)
    fresh, taken = proposal(setting), proposal(setting, title="修缮凉亭")
    micro_project_collect(project=taken, collected_by=setting["station_user"])
    assert client.get(f"/admin/projects/microproject/{taken.pk}/delete/").status_code == 403
    client.post(f"/admin/projects/microproject/{fresh.pk}/delete/", {"post": "yes"})
    assert list(MicroProject.objects.values_list("pk", flat=True)) == [taken.pk]


def test_saving_a_registered_proposal_changes_nothing_and_says_so_plainly(client, setting):  # noqa: F811
    project = proposal(setting)
    client.force_login(setting["staff"])
    response = client.post(f"/admin/projects/microproject/{project.pk}/change/", {"_continue": "1"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and "没有代表联络站" not in page
    assert MicroProject.objects.count() == 1
