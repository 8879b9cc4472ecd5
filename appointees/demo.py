"""Demo step 50: the district's appointees, their duty reports on 2017–2020, a verifiable draw
of 6 oral reporters and an announced rating of 14 department heads for each of those years, plus
a draw awaiting its public input and an open rating session for 2021 (to try the member's page
with the `member` login). Idempotent: a year that has its draw and session is left alone."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from appointees import rules
from appointees.models import (
    Appointee,
    Ballot,
    Body,
    Category,
    Draw,
    DutyReport,
    Mode,
    RatingOfficial,
    RatingSession,
    RatingStatus,
)
from appointees.services import draw_commit, draw_redo, draw_reveal, rating_session_create, rating_session_open
from congress.demo import person_name, upsert
from congress.models import CongressSession, Deputy, Organization, OrganizationKind, SessionKind

YEARS = (2017, 2018, 2019, 2020)
# Weights of satisfied / basically satisfied / unsatisfied in the demo ballots.
WEIGHTS = (82, 16, 2)


def _meeting(term_sessions, year: int, months=(4, 5, 6)) -> CongressSession:
    """The standing committee meeting that hears the reports on `year` (first one in Q2 of year+1)."""
    for meeting in term_sessions:
        if meeting.start_date.year == year + 1 and meeting.start_date.month in months:
            return meeting
    return next(m for m in term_sessions if m.start_date.year == year + 1)


def _aware(day: date, hour: int = 10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _seed_people(rng: random.Random, meetings, congress_sessions, progress) -> None:
    progress("Appointees: officials")
    government = Organization.objects.get(kind=OrganizationKind.GOVERNMENT)
    fixed = [
        ("DZ-01", "区长", government, Category.DISTRICT_HEAD, Mode.ELECTED, Body.CONGRESS),
        *[(f"FQ-{i:02d}", "副区长", government, Category.DEPUTY_DISTRICT_HEAD, Mode.ELECTED, Body.CONGRESS)
          for i in range(1, 6)],
        ("JW-01", "主任", Organization.objects.get(kind=OrganizationKind.SUPERVISION_COMMISSION),
         Category.SUPERVISION_DIRECTOR, Mode.ELECTED, Body.CONGRESS),
        ("JW-02", "副主任", Organization.objects.get(kind=OrganizationKind.SUPERVISION_COMMISSION),
         Category.SUPERVISION_DEPUTY_DIRECTOR, Mode.APPOINTED, Body.STANDING_COMMITTEE),
        ("FY-01", "院长", Organization.objects.get(kind=OrganizationKind.COURT), Category.COURT_PRESIDENT,
         Mode.ELECTED, Body.CONGRESS),
        *[(f"FY-{i:02d}", "副院长", Organization.objects.get(kind=OrganizationKind.COURT),
           Category.COURT_VICE_PRESIDENT, Mode.APPOINTED, Body.STANDING_COMMITTEE) for i in (2, 3)],
        ("JC-01", "检察长", Organization.objects.get(kind=OrganizationKind.PROCURATORATE),
         Category.PROCURATOR_GENERAL, Mode.ELECTED, Body.CONGRESS),
        *[(f"JC-{i:02d}", "副检察长", Organization.objects.get(kind=OrganizationKind.PROCURATORATE),
           Category.DEPUTY_PROCURATOR_GENERAL, Mode.APPOINTED, Body.STANDING_COMMITTEE) for i in (2, 3)],
    ]
    departments = list(Organization.objects.filter(kind__in=[OrganizationKind.DEPARTMENT,
                                                             OrganizationKind.AUDIT_BUREAU]).order_by("order", "name"))
    for index, department in enumerate(departments, start=1):
        fixed.append((f"DH-{index:02d}", "局长" if department.name.endswith("局") else "主要负责人", department,
                      Category.DEPARTMENT_HEAD, Mode.APPOINTED, Body.STANDING_COMMITTEE))
    names = random.Random(rng.random())
    for code, position, organization, category, mode, body in fixed:
        session = congress_sessions[0] if body == Body.CONGRESS else meetings[1]
        if not Appointee.objects.filter(code=code).exists():
            Appointee.objects.create(code=code, name=person_name(names), position=position,
                                     organization=organization, category=category, mode=mode, body=body,
                                     session=session, took_office=session.start_date)
    # Turnover: three department heads left in mid-2019 and were succeeded at the next meeting.
    successor_meeting = next(m for m in meetings if m.start_date >= date(2019, 7, 1))
    for index, code in enumerate(("DH-03", "DH-11", "DH-19"), start=1):
        leaving = Appointee.objects.get(code=code)
        if leaving.left_office is None:
            upsert(Appointee, code=code, defaults={"left_office": date(2019, 6, 30)})
        if not Appointee.objects.filter(code=f"DH-{len(departments) + index:02d}").exists():
            Appointee.objects.create(
                code=f"DH-{len(departments) + index:02d}", name=person_name(names), position=leaving.position,
                organization=leaving.organization, category=Category.DEPARTMENT_HEAD, mode=Mode.APPOINTED,
                body=Body.STANDING_COMMITTEE, session=successor_meeting, took_office=successor_meeting.start_date)


def _seed_reports(rng: random.Random, staff, progress) -> None:
    progress("Appointees: duty reports 2017–2020")
    from appointees.selectors import reports_due

    for year in YEARS:
        if DutyReport.objects.filter(year=year).exists():
            continue
        new = []
        for appointee in reports_due(year=year):
            # 2020: a few organizations have not reported (the overdue list and reminders show them).
            if year == 2020 and rng.random() < 0.12:
                continue
            day = date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
            published = year < 2020 or rng.random() < 0.6
            new.append(DutyReport(
                appointee=appointee, year=year, submitted_at=_aware(day), submitted_by=staff,
                published_at=_aware(date(year + 1, 4, 15)) if published else None,
                published_by=staff if published else None,
                text=(f"{appointee.organization.display_name}{appointee.position}{appointee.name}{year}年度履职情况报告\n\n"
                      f"一、学习贯彻党中央决策部署和区委工作要求情况。\n二、依法履职、推进重点工作情况：完成年度目标任务，"
                      f"办理人大代表建议{rng.randint(3, 25)}件。\n三、存在的问题和下一步工作打算。")))
        DutyReport.objects.bulk_create(new)


def _seed_year(rng, year, meeting, staff, member_user, members, progress, *, close: bool = True,
               reveal: bool = True) -> None:
    if Draw.objects.filter(year=year).exists():
        return
    progress(f"Appointees: draw and rating for {year}")
    draw = draw_commit(year=year, k=rules.DEFAULT_ORAL_REPORTERS, meeting=meeting, created_by=staff)
    if year == 2019:
        # One redraw, to show that the earlier draw stays published with its reason.
        draw = draw_redo(draw=draw, created_by=staff,
                         reason="会议议程调整，候选名单须按新的会议日期确定，经主任会议决定重新准备抽取。")
    if not reveal:
        return
    dice = " ".join(str(rng.randint(1, 6)) for _ in range(5))
    draw = draw_reveal(draw=draw, public_input=dice, entered_by=member_user)
    drawn = set(draw.result)
    heads = list(Appointee.objects.department_heads().active_on(meeting.start_date).order_by("code"))
    others = [a for a in heads if a.code not in drawn]
    rated = [a for a in heads if a.code in drawn] + rng.sample(others, 14 - len(drawn))
    present = [m for m in members if m.code == "D1-001" or rng.random() > 0.12]
    session = rating_session_create(
        title=f"{year}年度区政府工作部门主要负责人履职报告满意度测评", year=year, meeting=meeting,
        officials=rated, members=present, created_by=staff)
    rating_session_open(session=session, opened_by=staff)
    if not close:
        return
    # Ballots are built in bulk (the counters are what the service would add); the rule that a
    # member submits once is the Ballot constraint, which the bulk insert goes through too.
    tallies = {a.pk: Counter() for a in rated}
    for _member in present:
        for official in rated:
            tallies[official.pk][rng.choices(rules.CHOICES, WEIGHTS)[0]] += 1
    Ballot.objects.bulk_create(Ballot(session=session, deputy=m) for m in present)
    for appointee_id, counts in tallies.items():
        RatingOfficial.objects.filter(session=session, appointee_id=appointee_id).update(
            **{choice: F(choice) + counts[choice] for choice in rules.CHOICES})
    closed_at = _aware(meeting.start_date, 11)
    RatingSession.objects.filter(pk=session.pk).update(status=RatingStatus.CLOSED, opened_at=_aware(meeting.start_date),
                                                       closed_at=closed_at)


@transaction.atomic
def seed_appointees(*, rng: random.Random, progress) -> None:
    user_model = get_user_model()
    staff = user_model.objects.get(username="staff")
    member_user = user_model.objects.get(username="member")
    meetings = list(CongressSession.objects.filter(kind=SessionKind.STANDING_COMMITTEE, term__number=1)
                    .order_by("start_date"))
    congress_sessions = list(CongressSession.objects.filter(kind=SessionKind.CONGRESS, term__number=1)
                             .order_by("start_date"))
    _seed_people(rng, meetings, congress_sessions, progress)
    _seed_reports(rng, staff, progress)
    members = list(Deputy.objects.filter(is_committee_member=True, term__number=1).order_by("code"))
    for year in YEARS:
        _seed_year(rng, year, _meeting(meetings, year), staff, member_user, members, progress)
    last = meetings[-1]
    if not Draw.objects.filter(year=2021).exists():
        progress("Appointees: a draw awaiting its public input and an open session (2021)")
        draw_commit(year=2021, meeting=last, created_by=staff)
        session = rating_session_create(
            title="2021年度履职报告满意度测评（演示：进行中）", year=2021, meeting=last,
            officials=list(Appointee.objects.department_heads().active_on(last.start_date).order_by("code")[:14]),
            members=members, created_by=staff)
        rating_session_open(session=session, opened_by=staff)
