"""A deputy registers a duty activity from their phone: "我的积分" in the header, "登记履职活动",
an activity from the big choices, the date, a few words and a photo as evidence; the activity
waits in their ledger for the office's verification. The site is used in Chinese, its default."""

import struct
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from congress.periods import local_date
from congress.tests.factories import DeputyFactory, deputy_user
from points.defaults import ensure_default_rules
from points.models import EntryKind, EntryStatus, LedgerEntry, PointRule, PointRuleVersion, SelfReport
from tests.browser.helpers import guide_shot, header_link, log_in, page_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = "/tmp/journey-self-report.png"
FORM_SCREENSHOT = "/tmp/journey-self-report-form.png"
DESCRIPTION = "视察坑梓街道老旧小区加装电梯工地"


def small_png(path):
    """A valid 2×2 red PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    return path


@pytest.fixture
def rules(transactional_db):
    """The default rules (the flush of transactional tests removed the migration's)."""
    ensure_default_rules(PointRule, PointRuleVersion)
    return {rule.code: rule for rule in PointRule.objects.all()}


def test_a_deputy_registers_an_activity_on_a_phone(phone_page, rules, tmp_path):
    deputy = DeputyFactory(name="司马明远")
    deputy_user(deputy, username="sima", display_name="司马明远")
    evidence = small_png(tmp_path / "现场照片.png")
    day = local_date(timezone.now()) - timedelta(days=1)

    page = phone_page
    log_in(page, "sima")
    header_link(page, "我的积分").click()
    page.wait_for_url("**/points/my/")
    assert page.locator("h1").inner_text() == "我的履职积分"
    ledger = page.get_by_role("table", name="我的积分台账")
    assert ledger.locator("tbody").inner_text().strip() == "暂无记录。"

    page.locator("main").get_by_role("link", name="登记履职活动").click()
    page.wait_for_url("**/points/my/report/")
    assert page.locator("h1").inner_text() == "登记履职活动"
    activities = page.locator("fieldset", has=page.locator("legend", has_text="履职活动"))
    assert [text.strip() for text in activities.locator("label").all_inner_texts()] == [
        "视察调研 · 8 分", "走访接待选民 · 5 分", "向选民述职 · 10 分", "参加履职学习培训 · 3 分"], \
        "only the self-reportable activities, with their points"
    inspection = page.get_by_role("radio", name="视察调研 · 8 分")
    box = page.locator(f"label[for='{inspection.get_attribute('id')}']").bounding_box()
    assert box["height"] >= 40 and box["width"] >= 120, "a big target for a finger"
    assert page_overflow(page) <= 360

    page.locator(f"label[for='{inspection.get_attribute('id')}']").tap()
    expect(inspection).to_be_checked()
    page.get_by_label("日期").fill(day.isoformat())
    page.get_by_label("简要说明").fill(DESCRIPTION)
    page.get_by_label("证明材料（照片或 PDF）").set_input_files(evidence)
    assert page_overflow(page) <= 360
    page.locator("main form").screenshot(path=FORM_SCREENSHOT)
    page.get_by_label("简要说明").scroll_into_view_if_needed()
    guide_shot(page, "deputy-5-self-report")
    page.get_by_role("button", name="提交审核").click()

    page.wait_for_url("**/points/my/")
    assert page.get_by_role("status").inner_text().strip() == "履职活动已登记，待人大办审核。"
    rows = page.get_by_role("table", name="我的积分台账").locator("tbody tr")
    assert rows.count() == 1
    assert [text.strip() for text in rows.first.locator("td").all_inner_texts()] == [
        day.isoformat(), "视察调研", "8", "待审核"]
    assert page_overflow(page) <= 360
    page.screenshot(path=SCREENSHOT, full_page=True)

    entries = LedgerEntry.objects.filter(deputy=deputy)
    assert [(e.rule.code, e.occurred_on, e.points, e.kind, e.status) for e in entries] == [
        ("inspection", day, 8, EntryKind.SELF_REPORT, EntryStatus.PENDING)]
    report = SelfReport.objects.get(pk=entries[0].source_id)
    assert report.description == DESCRIPTION
    assert report.evidence.name.endswith(".png") and report.evidence.size == evidence.stat().st_size
