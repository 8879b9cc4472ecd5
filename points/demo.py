"""The demo ledger (SPEC §11): 2019 and 2020 (and early 2021) duty activities of the 200 demo
deputies, built so that the portal's own selectors compute 36,576 verified points for 2020 and
27,878 for 2019 (31.2 % more). The apps that award points for their own records run first (the
liaison stations' meetings, topics and resolved issues at demo order 14, the projects'
inspections at 16); this step reads what the ledger already holds for each year and tops it up to
the target with the remaining duty activities, through the services: staff-recorded inspections
(points.Activity) and deputies' self-reports (voter reports, receptions, training) that the demo
staff login verifies or rejects. Deterministic (seeded RNG) and idempotent (a year whose
activities exist is left alone)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from congress.models import Deputy
from congress.periods import Year
from points.defaults import ensure_default_rules
from points.models import Activity, EntryStatus, LedgerEntry, PointRule, PointRuleVersion, SelfReport
from points.selectors import points_in_force, totals
from points.services import (
    activity_record,
    entry_reject,
    entry_reverse,
    entry_self_report,
    entry_verify,
    rule_create_version,
)

TARGETS = {2019: 27_878, 2020: 36_576}
# (rule version changes the committee made: receptions were re-weighted from 2020)
RULE_CHANGES = [("reception", 6, date(2020, 1, 1))]

INSPECTIONS = [
    "视察垃圾分类工作", "调研学前教育学位供给", "视察坪山河流域治理", "调研基层医疗服务能力", "视察安全生产工作",
    "调研营商环境优化", "视察重点民生实事项目推进", "调研养老服务体系建设", "视察城市更新项目", "调研食品安全监管",
]
RECEPTIONS = ["在联络站接待选民", "走访困难群众家庭", "入户走访独居老人", "接待来访居民反映诉求", "走访辖区企业"]
REJECT_REASONS = ["未附活动照片或记录", "活动日期与登记不符", "与已登记的活动重复"]


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _change(amount: int, values: dict[str, int]) -> list[str]:
    """Rule codes whose values add up to `amount` exactly, fewest entries first (small DP)."""
    best: list[list[str] | None] = [[]] + [None] * amount
    for total in range(1, amount + 1):
        for code, value in values.items():
            if value <= total and best[total - value] is not None:
                candidate = [*best[total - value], code]
                if best[total] is None or len(candidate) < len(best[total]):
                    best[total] = candidate
    if best[amount] is None:
        raise ValueError(f"cannot make {amount} from {values}")
    return best[amount]


class _Year:
    """Builds one year's ledger, keeping the running verified total."""

    def __init__(self, *, year: int, rng: random.Random, rules: dict[str, PointRule], staff, deputies, progress):
        self.year, self.rng, self.rules, self.staff, self.deputies = year, rng, rules, staff, deputies
        self.progress = progress
        self.total, self.serial = 0, 0
        self.first, self.last = Year(year).first_day, Year(year).last_day

    def value(self, code: str, on: date) -> int:
        return points_in_force(rule=self.rules[code], on=on)

    def reference(self) -> str:
        self.serial += 1
        return f"DEMO-{self.year}-{self.serial:05d}"

    def activity(self, code: str, on: date, title: str, deputies: list[Deputy]) -> None:
        activity_record(rule=self.rules[code], occurred_on=on, title=title, deputies=deputies,
                        reference=self.reference(), recorded_by=self.staff)
        self.total += self.value(code, on) * len(deputies)

    def verified_report(self, deputy: Deputy, code: str, on: date, text: str) -> None:
        entry = _self_report(deputy=deputy, rule=self.rules[code], occurred_on=on, description=text,
                                  submitted_by=deputy.user or self.staff)
        entry_verify(entry=entry, verified_by=self.staff)
        self.total += entry.points

    def fits(self, points: int, target: int) -> bool:
        # Keep at least 8 points for the exact fill: any amount ≥ 8 is a sum of 3s and 5s.
        return self.total + points <= target - 8

    def build(self, *, target: int, intensity: float) -> None:
        rng = self.rng
        # Whatever other apps' demo steps awarded this year counts towards the target.
        [already] = totals(level="district", period=Year(self.year))
        self.total = already["points"]
        if not self.fits(0, target):
            raise ValueError(f"{self.year}: the ledger already holds {self.total:,} points, "
                             f"beyond the target of {target:,}")
        self.progress(f"  {self.year}: {self.total:,} points from meetings, topics, issues and inspections; "
                      f"topping up to {target:,}")
        # Voter reports (向选民述职), self-reported and verified.
        for deputy in self.deputies:
            if rng.random() < 0.35 * intensity and self.fits(10, target):
                self.verified_report(deputy, "voter_report", _day(rng, date(self.year, 10, 1), self.last),
                                     "向原选区选民述职")
        # District inspections and research with groups of deputies, while much is missing.
        count = 0
        while target - self.total > 1_500:
            on = _day(rng, self.first, self.last)
            group = rng.sample(self.deputies, rng.randint(8, 18))
            if not self.fits(self.value("inspection", on) * len(group), target):
                break
            self.activity("inspection", on, rng.choice(INSPECTIONS), group)
            count += 1
        self.progress(f"  {self.year}: {count} inspections, {self.total:,} points so far")
        # Receptions, self-reported and verified, until the year is nearly complete.
        while self.fits(6, target):
            on = _day(rng, self.first, self.last)
            self.verified_report(rng.choice(self.deputies), "reception", on, rng.choice(RECEPTIONS))
        # The exact remainder with single-deputy self-reports of training and receptions.
        remainder = target - self.total
        # With 3 (training), 8 (inspection) and 10 (voter report) every amount of 8 or more can be
        # made, whatever the other apps left (reception is worth 6 from 2020: 3s and 6s alone cannot).
        codes = ("training", "reception", "inspection", "voter_report")
        values = {code: self.value(code, self.last) for code in codes}
        texts = {"training": "参加代表履职学习培训", "voter_report": "向原选区选民述职"}
        for code in _change(remainder, values):
            text = texts.get(code) or rng.choice(RECEPTIONS)
            self.verified_report(rng.choice(self.deputies), code, _day(rng, self.first, self.last), text)
        [reached] = totals(level="district", period=Year(self.year))
        assert self.total == target == reached["points"], (self.total, target, reached["points"])

    def corrections(self) -> None:
        """Some reports staff did not accept, and mistaken awards reversed (nets to zero)."""
        rng = self.rng
        for index in range(12):
            deputy = rng.choice(self.deputies)
            entry = _self_report(deputy=deputy, rule=self.rules["reception"],
                                      submitted_by=deputy.user or self.staff,
                                      occurred_on=_day(rng, self.first, self.last), description=rng.choice(RECEPTIONS))
            if index % 3 == 0:
                entry_reject(entry=entry, reason=rng.choice(REJECT_REASONS), rejected_by=self.staff)
            elif index % 3 == 1:
                entry_reverse(entry=entry_verify(entry=entry, verified_by=self.staff),
                              reason="与同日接待记录重复登记", reversed_by=self.staff)
            else:
                entry_reverse(entry=entry_verify(entry=entry, verified_by=self.staff),
                              reason="经核实活动未实际开展", reversed_by=self.staff)


def _self_report(*, deputy, rule, occurred_on, description, **kwargs):
    """A generated report; a second one of the same activity on the same day says so (the portal
    keeps one report per deputy, activity, date and description)."""
    text, count = description, 1
    while SelfReport.objects.filter(deputy=deputy, rule=rule, occurred_on=occurred_on, description=text,
                                    rejected=False).exists():
        count += 1
        text = f"{description}（当日第{count}次）"
    return entry_self_report(deputy=deputy, rule=rule, occurred_on=occurred_on, description=text, **kwargs)


def _demo_deputy_reports(*, rules, staff, progress) -> None:
    """The demo login's own self-reports in 2021: one verified, one rejected, two pending."""
    deputy = Deputy.objects.filter(code="D1-002").select_related("user").first()
    if deputy is None or LedgerEntry.objects.filter(deputy=deputy, occurred_on__year=2021).exists():
        return
    reports = [("reception", date(2021, 1, 12), "在六联社区联络站接待选民5人，反映停车难"),
               ("inspection", date(2021, 2, 3), "参加区人大常委会组织的春运安全视察"),
               ("training", date(2021, 3, 9), "参加代表履职学习培训班"),
               ("voter_report", date(2021, 3, 20), "向原选区选民述职")]
    entries = [_self_report(deputy=deputy, rule=rules[code], occurred_on=on, description=text,
                                 submitted_by=deputy.user or staff) for code, on, text in reports]
    entry_verify(entry=entries[0], verified_by=staff)
    entry_reject(entry=entries[1], reason="未附视察活动照片或签到记录，请补充后重新登记", rejected_by=staff)
    progress("  demo deputy D1-002: 4 self-reports of 2021 (1 verified, 1 rejected, 2 pending)")


def _early_2021(*, rng, rules, staff, deputies, progress) -> None:
    if Activity.objects.filter(reference__startswith="DEMO-2021-").exists():
        return
    builder = _Year(year=2021, rng=rng, rules=rules, staff=staff, deputies=deputies, progress=progress)
    builder.last = date(2021, 3, 31)
    for _ in range(6):
        on = _day(rng, builder.first, builder.last)
        builder.activity("inspection", on, rng.choice(INSPECTIONS), rng.sample(deputies, rng.randint(8, 18)))
    for _ in range(25):
        deputy = rng.choice(deputies)
        _self_report(deputy=deputy, rule=rules["reception"], occurred_on=_day(rng, builder.first, builder.last),
                          description=rng.choice(RECEPTIONS), submitted_by=deputy.user or staff)
    progress(f"  2021 Q1: {builder.total:,} verified points and 25 pending self-reports")


def seed_points(*, rng: random.Random, progress) -> None:
    ensure_default_rules(PointRule, PointRuleVersion)
    rules = {rule.code: rule for rule in PointRule.objects.all()}
    staff = get_user_model().objects.filter(username="staff").first()
    for code, points, since in RULE_CHANGES:
        if not PointRuleVersion.objects.filter(rule=rules[code], effective_from=since).exists():
            rule_create_version(rule=rules[code], points=points, effective_from=since, created_by=staff)
    deputies = list(Deputy.objects.filter(code__startswith="D1-").select_related("user").order_by("code"))
    if not deputies:
        progress("Points: no demo deputies (run the registry step first); skipped")
        return
    for year, intensity in ((2019, 1.0), (2020, 1.3)):
        if Activity.objects.filter(reference__startswith=f"DEMO-{year}-").exists():
            progress(f"Points: {year} already seeded")
            continue
        progress(f"Points: the {year} ledger")
        with transaction.atomic():
            builder = _Year(year=year, rng=random.Random(f"{rng.random()}:{year}"), rules=rules, staff=staff,
                            deputies=deputies, progress=progress)
            builder.build(target=TARGETS[year], intensity=intensity)
            builder.corrections()
    with transaction.atomic():
        _early_2021(rng=random.Random(f"{rng.random()}:2021"), rules=rules, staff=staff, deputies=deputies,
                    progress=progress)
        _demo_deputy_reports(rules=rules, staff=staff, progress=progress)
    [y2020] = totals(level="district", period=Year(2020))
    growth = y2020["growth"]
    progress(f"Points: 2020 = {y2020['points']:,} verified points, 2019 = {y2020['last_year_points']:,}, "
             f"growth {growth * 100:.1f} %" if growth is not None else "Points: no 2019 base")
    pending = LedgerEntry.objects.filter(status=EntryStatus.PENDING).count()
    progress(f"Points: {pending} self-reports wait for verification")
