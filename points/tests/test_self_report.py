from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from congress.errors import DomainError, StateConflict
from congress.testing import sample_png
from congress.tests.factories import staff_user
from points.models import EntryStatus, LedgerEntry, SelfReport
from points.services import entry_reject, entry_self_report, entry_verify

pytestmark = pytest.mark.django_db

PNG = sample_png()


def report(deputy, rules, code="reception", on=date(2020, 8, 3), **kwargs):
    return entry_self_report(deputy=deputy, rule=rules[code], occurred_on=on, description="接待选民三人，反映停车难",
                             evidence=kwargs.pop("evidence", SimpleUploadedFile("photo.png", PNG, "image/png")),
                             submitted_by=kwargs.pop("submitted_by", None) or staff_user(), **kwargs)


def test_self_report_is_pending_and_worth_the_value_of_its_day(rules, deputy, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    entry = report(deputy, rules)
    assert (entry.status, entry.points) == (EntryStatus.PENDING, 5)
    assert isinstance(entry.source, SelfReport)
    assert entry.source.evidence.name.endswith(".png")


def test_verify_makes_it_count_and_reject_keeps_the_reason(rules, deputy, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    accepted, refused = report(deputy, rules), report(deputy, rules, on=date(2020, 8, 4))
    entry_verify(entry=accepted, verified_by=staff)
    entry_reject(entry=refused, reason="缺少接待记录", rejected_by=staff)
    assert dict(LedgerEntry.objects.values_list("pk", "status")) == {
        accepted.pk: EntryStatus.VERIFIED, refused.pk: EntryStatus.REJECTED}
    refused.refresh_from_db()
    assert (refused.reason, refused.decided_by) == ("缺少接待记录", staff)


def test_decided_entries_cannot_be_decided_again(rules, deputy, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    entry = report(deputy, rules)
    entry_verify(entry=entry, verified_by=staff)
    with pytest.raises(StateConflict):
        entry_reject(entry=entry, reason="改判", rejected_by=staff)
    with pytest.raises(StateConflict):
        entry_verify(entry=entry, verified_by=staff)
    entry.refresh_from_db()
    assert (entry.status, entry.reason) == (EntryStatus.VERIFIED, "")


def test_rejection_needs_a_reason(rules, deputy, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    entry = report(deputy, rules)
    with pytest.raises(DomainError):
        entry_reject(entry=entry, reason="  ", rejected_by=staff)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PENDING


@pytest.mark.parametrize(("name", "content", "message"), [
    ("virus.exe", b"MZ", "PDF"),
    ("photo.png", b"<html><script>alert(1)</script></html>", "PDF"),
    ("big.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024), "5.0 MB"),
])
def test_evidence_type_and_size_are_checked(rules, deputy, name, content, message, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(DomainError, match=message):
        report(deputy, rules, evidence=SimpleUploadedFile(name, content))
    assert not SelfReport.objects.exists()
    assert not LedgerEntry.objects.exists()


def test_future_dates_and_system_only_rules_are_refused(rules, deputy, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(DomainError):
        report(deputy, rules, on=date.today() + timedelta(days=2))
    with pytest.raises(DomainError):
        report(deputy, rules, code="meeting_attendance")
    assert not LedgerEntry.objects.exists()
