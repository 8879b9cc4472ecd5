"""The demo district's suggestions (SPEC §11), built through the services so every record is one
the workflow can produce. Deterministic (seeded per year) and idempotent (a year that has
suggestions is left alone). For 2020 the portal's own statistics show 156 full-mark replies, 142
full-mark implementations and a satisfaction rate of 99.4 % (169 of 170 evaluated handlings)."""

from __future__ import annotations

import logging
import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from congress.demo import DEPARTMENTS
from congress.models import CongressSession, Deputy, Notice, Organization, SessionKind, User
from congress.periods import local_date
from suggestions import services
from suggestions.models import AssignmentRole, Category, Handling, Suggestion, SuggestionState
from suggestions.scoring import Grade, Stage

TOPICS = [
    ("关于加快{place}老旧小区改造的建议", Category.URBAN),
    ("关于在{place}增设公交线路和站点的建议", Category.TRANSPORT),
    ("关于增加{place}公办学位供给的建议", Category.EDUCATION),
    ("关于完善{place}社区健康服务中心布局的建议", Category.HEALTH),
    ("关于加强{place}河道综合治理的建议", Category.ENVIRONMENT),
    ("关于规范{place}共享单车停放的建议", Category.URBAN),
    ("关于建设{place}长者饭堂的建议", Category.SOCIAL),
    ("关于改善{place}学校周边交通秩序的建议", Category.TRANSPORT),
    ("关于推进{place}垃圾分类的建议", Category.ENVIRONMENT),
    ("关于支持{place}中小企业发展的建议", Category.ECONOMY),
    ("关于增建{place}社区文体活动场地的建议", Category.CULTURE),
    ("关于完善{place}停车设施的建议", Category.TRANSPORT),
    ("关于解决{place}雨季内涝问题的建议", Category.URBAN),
    ("关于加强{place}食品安全监管的建议", Category.HEALTH),
]
PLACES = ["坪山", "马峦", "碧岭", "石井", "坑梓", "龙田", "六和", "沙湖", "金沙", "竹坑", "汤坑", "田头"]
REASONS = ["属于市级事权，已转市人大代表工作机构", "与已立案建议内容重复，已合并办理",
           "内容为个人诉求，已转信访渠道办理"]
REPLY = "经认真研究，我单位已制定工作方案：{title}所提问题将分步解决，年内完成前期工作。"
REPORT = "已按答复意见落实：{title}所提事项已完成，并向领衔代表当面汇报办理情况。"
GOOD_GRADES = [Grade.A_PLUS] * 6 + [Grade.A] * 3 + [Grade.A_MINUS] * 2 + [Grade.B_PLUS, Grade.B]


class Demo:
    def __init__(self, rng: random.Random, progress):
        self.rng, self.progress = rng, progress
        self.staff = User.objects.get(username="staff")
        self.deputies = list(Deputy.objects.filter(code__startswith="D1-").order_by("code"))
        self.units = list(Organization.objects.filter(name__in=DEPARTMENTS).order_by("order", "name"))
        self.helpers = list(Organization.objects.filter(kind="street_office").order_by("order"))
        self.logins = {d.pk: d.user for d in Deputy.objects.filter(user__isnull=False).select_related("user")}

    def title(self) -> tuple[str, str]:
        template, category = self.rng.choice(TOPICS)
        return template.format(place=self.rng.choice(PLACES)), category

    def suggestion(self, *, year: int, lead: Deputy | None = None, submitted: date, session=None) -> Suggestion:
        title, category = self.title()
        lead = lead or self.rng.choice(self.deputies)
        suggestion = services.suggestion_create(lead_deputy=lead, title=title, category=category, session=session,
                                                content=f"{title}。具体建议如下：一是……；二是……；三是……。",
                                                created_by=self.staff)
        cosigners = self.rng.sample([d for d in self.deputies if d.pk != lead.pk], self.rng.choice((0, 1, 2, 3)))
        for deputy in cosigners:
            services.suggestion_cosign(suggestion=suggestion, deputy=deputy, signed_by=self.staff)
        return services.suggestion_submit(suggestion=suggestion, submitted_by=self.staff, on=submitted)

    def grader(self, handling: Handling) -> User:
        """The lead deputy's own login if they have one, else staff on their behalf."""
        return self.logins.get(handling.suggestion.lead_deputy_id) or self.staff

    def assigned(self, suggestion: Suggestion, *, number: str, on: date, separate: int = 1,
                 deadline: date | None = None) -> list[Handling]:
        services.suggestion_register(suggestion=suggestion, registered_by=self.staff, number=number, on=on)
        picks = self.rng.sample(self.units, separate)
        units = [(picks[0], AssignmentRole.LEAD)] if separate == 1 else [(u, AssignmentRole.SEPARATE) for u in picks]
        if separate == 1 and self.rng.random() < 0.25:
            units.append((self.rng.choice(self.helpers), AssignmentRole.CO_HANDLING))
        services.suggestion_assign(suggestion=suggestion, units=units, assigned_by=self.staff, on=on,
                                   deadline=deadline)
        return list(Handling.objects.filter(suggestion=suggestion).select_related("suggestion").order_by("pk"))

    def walk(self, handling: Handling, *, reply: str | None, implementation: str | None, replied: date,
             until: str = "evaluated") -> None:
        """Reply, grade, report, grade — stopping at `until`."""
        unit_text = {"title": handling.suggestion.title}
        services.handling_reply(handling=handling, content=REPLY.format(**unit_text), submitted_by=self.staff,
                                on=replied)
        if until == "reply_submitted":
            return
        graded = replied + timedelta(days=self.rng.randint(7, 20))
        services.handling_grade(handling=handling, stage=Stage.REPLY, grade=reply, entered_by=self.grader(handling),
                                on=graded)
        if until == "reply_graded":
            return
        # every step of a year's suggestion is done within that year, so the year's figures are final
        reported = min(graded + timedelta(days=self.rng.randint(60, 150)), date(replied.year, 12, 1))
        services.handling_report_implementation(handling=handling, content=REPORT.format(**unit_text),
                                                submitted_by=self.staff, on=reported)
        if until == "implementation_reported":
            return
        services.handling_grade(handling=handling, stage=Stage.IMPLEMENTATION, grade=implementation,
                                entered_by=self.grader(handling),
                                on=reported + timedelta(days=self.rng.randint(5, 20)))

    def publish(self, suggestion: Suggestion) -> None:
        services.suggestion_publish(suggestion=suggestion, published_by=self.staff,
                                    publish_content=self.rng.random() < 0.8, publish_replies=self.rng.random() < 0.5)


def _session(year: int):
    return CongressSession.objects.filter(kind=SessionKind.CONGRESS, start_date__year=year).first()


def _grade_pairs_2020(rng: random.Random) -> list[tuple[str, str]]:
    """170 (reply, implementation) pairs: 156 A+ replies, 142 A+ implementations, one unsatisfied."""
    pairs = [(Grade.B_MINUS, Grade.C),   # 24 + 30 = 54: unsatisfied, under follow-up
             (Grade.A_PLUS, Grade.C)]    # 40 + 30 = 70: basically satisfied, under follow-up
    replies = [Grade.A_PLUS] * 155 + [Grade.A, Grade.A_MINUS, Grade.B_PLUS] * 4 + [Grade.A]
    implementations = [Grade.A_PLUS] * 142 + [Grade.A, Grade.A_MINUS, Grade.B_PLUS, Grade.B, Grade.B_MINUS] * 5 + [
        Grade.A]
    rng.shuffle(implementations)
    pairs += list(zip(replies, implementations, strict=True))
    return pairs


@transaction.atomic
def _year_2020(demo: Demo) -> None:
    rng, year, session = demo.rng, 2020, _session(2020)
    pairs = _grade_pairs_2020(rng)
    demo_deputy = Deputy.objects.filter(code="D1-002").first()
    number = 0
    handlings: list[Handling] = []
    while len(handlings) < len(pairs):
        number += 1
        in_session = number <= 120
        submitted = (session.start_date if in_session and session
                     else date(2020, rng.randint(2, 6), rng.randint(1, 28)))
        lead = demo_deputy if number % 25 == 3 and demo_deputy else None
        suggestion = demo.suggestion(year=year, lead=lead, submitted=submitted,
                                     session=session if in_session else None)
        separate = 2 if number % 33 == 0 and len(pairs) - len(handlings) >= 2 else 1
        handlings += demo.assigned(suggestion, number=f"{year}-{number:03d}", on=submitted + timedelta(days=14),
                                   separate=separate)
        demo.publish(suggestion)
        if number % 40 == 0:
            demo.progress(f"  2020: {len(handlings)}/{len(pairs)} handlings")
    for index, (handling, (reply, implementation)) in enumerate(zip(handlings, pairs, strict=True)):
        assigned_on = handling.assignment.assigned_on
        late = index in (10, 60, 110)  # replied after the deadline: counted as overdue replies
        replied = handling.deadline + timedelta(days=9) if late else assigned_on + timedelta(days=rng.randint(30, 80))
        demo.walk(handling, reply=reply, implementation=implementation, replied=replied)
    # Both C implementations opened a follow-up round and count meanwhile with their grades.
    services.handling_supervise_follow_up(handling=handlings[1], supervised_by=demo.staff,
                                          note="落实不到位，跟踪督办。", on=date(2020, 12, 10))
    # Still open at the end of 2020: overdue replies, replies awaiting grades, suggestions not registered.
    for index in range(3):
        suggestion = demo.suggestion(year=year, submitted=date(2020, 7, 1 + index))
        demo.assigned(suggestion, number=f"{year}-{number + 1 + index:03d}", on=date(2020, 7, 20))
    number += 3
    for index in range(2):
        suggestion = demo.suggestion(year=year, submitted=date(2020, 8, 3 + index))
        (handling,) = demo.assigned(suggestion, number=f"{year}-{number + 1 + index:03d}", on=date(2020, 8, 20))
        demo.walk(handling, reply=Grade.A, implementation=None, replied=date(2020, 10, 10),
                  until="reply_graded" if index else "reply_submitted")
    for reason in REASONS * 2:
        suggestion = demo.suggestion(year=year, submitted=session.start_date if session else date(2020, 1, 8))
        services.suggestion_reject(suggestion=suggestion, reason=reason, rejected_by=demo.staff,
                                   on=date(2020, 1, 20))


@transaction.atomic
def _other_year(demo: Demo, year: int, count: int) -> None:
    rng, session = demo.rng, _session(year)
    for number in range(1, count + 1):
        submitted = session.start_date if session and number <= count * 0.7 else date(year, rng.randint(2, 8), 15)
        suggestion = demo.suggestion(year=year, submitted=submitted,
                                     session=session if submitted == getattr(session, "start_date", None) else None)
        if number % 17 == 0:
            services.suggestion_reject(suggestion=suggestion, reason=rng.choice(REASONS), rejected_by=demo.staff,
                                       on=submitted + timedelta(days=10))
            continue
        for handling in demo.assigned(suggestion, number=f"{year}-{number:03d}", on=submitted + timedelta(days=14),
                                      separate=2 if number % 29 == 0 else 1):
            replied = handling.assignment.assigned_on + timedelta(days=rng.randint(25, 85))
            demo.walk(handling, reply=rng.choice(GOOD_GRADES),
                      implementation=rng.choice([*GOOD_GRADES, Grade.B_MINUS]), replied=replied)
        demo.publish(suggestion)


@transaction.atomic
def _in_progress(demo: Demo) -> None:
    """Work on the demo logins' desks today: the deputy has grades to give, the units replies to write."""
    today = local_date(timezone.now())
    deputy = Deputy.objects.get(code="D1-002")
    education, water = Organization.objects.get(name="区教育局"), Organization.objects.get(name="区水务局")
    demo.logins = {}  # grades below wait for the demo deputy

    def assigned_to(unit, *, lead=None, days_ago: int, deadline_in: int) -> Handling:
        suggestion = demo.suggestion(year=today.year, lead=lead, submitted=today - timedelta(days=days_ago + 14))
        services.suggestion_register(suggestion=suggestion, registered_by=demo.staff,
                                     on=today - timedelta(days=days_ago + 7))
        services.suggestion_assign(suggestion=suggestion, units=[(unit, AssignmentRole.LEAD)],
                                   assigned_by=demo.staff, on=today - timedelta(days=days_ago),
                                   deadline=today + timedelta(days=deadline_in))
        return Handling.objects.select_related("suggestion", "assignment").get(suggestion=suggestion)

    for unit in (education, water):
        assigned_to(unit, days_ago=80, deadline_in=10)   # due soon
        assigned_to(unit, days_ago=100, deadline_in=-5)  # overdue
        assigned_to(unit, days_ago=20, deadline_in=70)
    handling = assigned_to(education, lead=deputy, days_ago=40, deadline_in=50)
    demo.walk(handling, reply=None, implementation=None, replied=today - timedelta(days=3), until="reply_submitted")
    handling = assigned_to(water, lead=deputy, days_ago=200, deadline_in=-110)
    services.handling_reply(handling=handling, content=REPLY.format(title=handling.suggestion.title),
                            submitted_by=demo.staff, on=today - timedelta(days=120))
    services.handling_grade(handling=handling, stage=Stage.REPLY, grade=Grade.A,
                            entered_by=deputy.user or demo.staff, on=today - timedelta(days=110))
    services.handling_report_implementation(handling=handling, submitted_by=demo.staff, on=today - timedelta(days=2),
                                            content=REPORT.format(title=handling.suggestion.title))
    demo.suggestion(year=today.year, lead=deputy, submitted=today - timedelta(days=2))  # awaiting registration
    services.suggestion_create(lead_deputy=deputy, title="关于在六和社区增设口袋公园的建议（草稿）",
                               content="建议利用闲置地块建设口袋公园。", category=Category.URBAN, created_by=demo.staff)


def seed_suggestions(*, rng: random.Random, progress) -> None:
    """The demo step (order 30): 2019, 2020 and 2021, then today's work in progress."""
    # eager Celery logs every notice task; the progress lines say enough
    logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
    demo = Demo(rng, progress)
    if not demo.deputies or not demo.units:
        progress("Suggestions: no registry; run the registry step first")
        return
    started = timezone.now()
    for year, build in ((2019, lambda d: _other_year(d, 2019, 110)), (2020, _year_2020),
                        (2021, lambda d: _other_year(d, 2021, 70))):
        if Suggestion.objects.filter(year=year).exists():
            progress(f"Suggestions {year}: already there")
            continue
        demo.rng = random.Random(f"{rng.random()}:{year}")
        progress(f"Suggestions {year} …")
        build(demo)
    # Historical assignments need no notices on the units' desks.
    Notice.objects.filter(kind__startswith="suggestion_", created_at__gte=started).delete()
    if Suggestion.objects.filter(lead_deputy__code="D1-002", state=SuggestionState.DRAFT).exists():
        progress("Suggestions in progress: already there")
    else:
        demo.rng = random.Random(f"{rng.random()}:now")
        _in_progress(demo)
    _report(progress)


def _report(progress) -> None:
    from suggestions.selectors import year_statistics

    stats = year_statistics(year=2020)
    d = stats.district
    rate = "—" if d.satisfaction_rate is None else f"{d.satisfaction_rate * 100:.1f} %"
    progress(f"Suggestions 2020: {d.evaluated} evaluated, {d.full_mark_replies} full-mark replies, "
             f"{d.full_mark_implementations} full-mark implementations, satisfaction {rate}")
