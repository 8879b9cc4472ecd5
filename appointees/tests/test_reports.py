"""Duty reports: submission by the official's organization, scoping, publication, the public list,
the overdue list and its reminder task."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from appointees.models import DutyReport
from appointees.services import duty_report_publish, duty_report_submit, duty_reports_remind_overdue
from appointees.tasks import remind_overdue_reports_task
from appointees.tests.factories import AppointeeFactory
from congress.errors import DomainError, NotPermitted, StateConflict
from congress.models import Notice
from congress.testing import sample_pdf
from congress.tests.factories import OrganizationFactory, deputy_user, unit_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(db):
    return AppointeeFactory(took_office=date(2018, 3, 1))


def test_the_organization_submits_and_may_replace_until_published(client, head, staff):
    handler = unit_user(head.organization)
    client.force_login(handler)
    response = client.post(reverse("appointees:report-submit"), {
        "appointee": head.pk, "year": 2020, "text": "一、主要工作",
        "document": SimpleUploadedFile("report.pdf", sample_pdf(), content_type="application/pdf")})
    assert response.status_code == 302, response.content.decode()[:2000]
    report = DutyReport.objects.get()
    assert report.document and report.submitted_by == handler

    duty_report_submit(appointee=head, year=2020, text="修改后的报告", submitted_by=handler)
    assert DutyReport.objects.get().text == "修改后的报告" and DutyReport.objects.count() == 1

    public = reverse("appointees:report-detail", args=[report.pk])
    assert client.logout() is None and client.get(public).status_code == 404
    duty_report_publish(report=report, published_by=staff)
    assert "修改后的报告" in client.get(public).content.decode()
    assert client.get(reverse("appointees:report-document", args=[report.pk])).status_code == 200
    with pytest.raises(StateConflict):
        duty_report_submit(appointee=head, year=2020, text="再改", submitted_by=handler)
    with pytest.raises(StateConflict):
        duty_report_publish(report=report, published_by=staff)


def test_who_may_submit_and_what(head, staff):
    with pytest.raises(NotPermitted):
        duty_report_submit(appointee=head, year=2020, text="x", submitted_by=unit_user(OrganizationFactory()))
    with pytest.raises(NotPermitted):
        duty_report_submit(appointee=head, year=2020, text="x", submitted_by=deputy_user())
    with pytest.raises(DomainError):
        duty_report_submit(appointee=head, year=2017, text="x", submitted_by=staff)  # not yet in office
    with pytest.raises(DomainError):
        duty_report_submit(appointee=AppointeeFactory(category="district_head"), year=2020, text="x",
                           submitted_by=staff)
    with pytest.raises(DomainError):
        duty_report_submit(appointee=head, year=2020, text="  ", submitted_by=staff)
    with pytest.raises(NotPermitted):
        duty_report_publish(report=duty_report_submit(appointee=head, year=2020, text="x", submitted_by=staff),
                            published_by=unit_user(head.organization))


def test_a_unit_sees_its_own_unpublished_reports_only(client, head, staff):
    other = AppointeeFactory(took_office=date(2018, 3, 1))
    mine = duty_report_submit(appointee=head, year=2020, text="本单位", submitted_by=staff)
    theirs = duty_report_submit(appointee=other, year=2020, text="他单位", submitted_by=staff)
    client.force_login(unit_user(head.organization))
    assert client.get(reverse("appointees:report-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("appointees:report-detail", args=[theirs.pk])).status_code == 404
    assert [r["id"] for r in client.get(reverse("appointees-api:reports")).json()["results"]] == [mine.pk]


def test_the_public_list_says_who_reported(client, head, staff):
    late = AppointeeFactory(took_office=date(2018, 3, 1), name="未报告者")
    report = duty_report_submit(appointee=head, year=2020, text="x", submitted_by=staff)
    page = client.get(reverse("appointees:report-list"), {"year": 2020}).content.decode()
    assert head.name in page and late.name in page
    assert "应报告 2 人，已报告 1 人" in page
    duty_report_publish(report=report, published_by=staff)
    page = client.get(reverse("appointees:report-list"), {"year": 2020}).content.decode()
    assert reverse("appointees:report-detail", args=[report.pk]) in page


def test_overdue_reports_are_listed_and_reminded_after_the_deadline(client, head, staff):
    done = AppointeeFactory(took_office=date(2018, 3, 1))
    duty_report_submit(appointee=done, year=2020, text="x", submitted_by=staff)
    assert duty_reports_remind_overdue(year=2020, today=date(2021, 3, 31)) == 0
    assert duty_reports_remind_overdue(year=2020, today=date(2021, 4, 1)) == 1
    notice = Notice.objects.get()
    assert notice.organization == head.organization and head.name in notice.message
    assert remind_overdue_reports_task.delay(year=2020).get() == 1
    client.force_login(staff)
    page = client.get(reverse("appointees:report-overdue"), {"year": 2020}).content.decode()
    assert head.name in page and done.name not in page


def test_the_admin_scopes_reports_like_the_site(client, head, staff):
    other = AppointeeFactory(took_office=date(2018, 3, 1))
    mine = duty_report_submit(appointee=head, year=2020, text="本单位", submitted_by=staff)
    theirs = duty_report_submit(appointee=other, year=2020, text="他单位", submitted_by=staff)
    client.force_login(unit_user(head.organization))
    assert client.get(reverse("admin:appointees_dutyreport_change", args=[mine.pk])).status_code == 200
    assert client.get(reverse("admin:appointees_dutyreport_change", args=[theirs.pk])).status_code == 404
    listing = client.get(reverse("admin:appointees_dutyreport_changelist")).content.decode()
    assert head.name in listing and other.name not in listing
