"""The demo's livelihood projects (SPEC §11, the seed's 新模式), built so the portal computes the
seed's figures from records:

- 2019 and 2020: 25 candidate key projects each, 20 seats, voted at the annual congress session
  (一届三次, 一届四次): 40 elected; 32 completed, 8 multi-year projects carried over (跨年度) and
  still under way; supervision groups, milestones, approved progress reports, inspections (which
  award points), third-party quality evaluations and the year-end satisfaction rating.
- 2021: a ballot whose cut-off ties, so a run-off ballot for the last seat is open in the demo
  (the demo deputy login can vote in it from a phone).
- 1,055 micro-projects passed at the 87 livelihood deliberation meetings of liaison/ (all
  completed), with the proposals not shortlisted and those voted down around them; over 95 % of
  the deputy-proposed ones shortlisted.

The ballot papers of the demo are drawn here and written as receipts and counters in bulk (the
demo's deputies have no logins to cast them with); counting, supervision and ratings go through
the services. Deterministic (seeded RNG) and idempotent (a year that exists is left alone)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F

from congress.models import CongressSession, Deputy, Organization, OrganizationKind, SessionKind, Term
from projects import rules
from projects.models import (
    Ballot,
    BallotReceipt,
    BallotStatus,
    Candidacy,
    KeyProject,
    MicroProject,
    MicroStatus,
    ProjectStatus,
    ProposerKind,
    QualityGrade,
    SatisfactionReceipt,
    SatisfactionTally,
)
from projects.services import (
    ballot_close,
    ballot_create,
    ballot_open,
    group_set,
    inspection_record,
    milestone_add,
    progress_report_approve,
    progress_report_submit,
    project_carry_over,
    project_complete,
    quality_evaluation_record,
    survey_close,
    survey_open,
)

SEATS = 20
CANDIDATES = 25
# year: (projects completed of the 20 elected, carried over)
PLAN = {2019: (17, 3), 2020: (15, 5)}
MICRO_PASSED = 1055

PROJECT_NAMES = [
    "新建公办幼儿园", "中小学学位扩容工程", "社区健康服务中心标准化建设", "老旧小区综合整治", "城中村雨污分流改造",
    "坪山河流域水环境提升", "公园绿地品质提升", "口袋公园建设", "背街小巷环境整治", "公共厕所提标改造",
    "社区长者饭堂建设", "居家养老服务网络建设", "残疾人康复服务中心建设", "公共文化服务设施提升", "全民健身场地建设",
    "学校周边交通综合治理", "公交站台升级改造", "慢行系统和绿道建设", "停车设施增建", "智慧社区平台建设",
    "菜市场升级改造", "食品安全快检室建设", "消防安全隐患整治", "电动自行车集中充电设施建设", "供水管网改造",
    "燃气管道入户工程", "河道碧道建设", "垃圾分类设施提升", "人行天桥无障碍改造", "社区图书馆建设",
    "医院急诊能力提升", "社区党群服务中心改造", "青少年活动中心建设", "公共法律服务站建设", "职业技能培训基地建设",
]
PLACES = ["坪山街道", "马峦街道", "碧岭街道", "石井街道", "坑梓街道", "龙田街道", "全区"]
MILESTONES = [("完成立项和设计", 2, 20), ("开工建设", 4, 10), ("主体工程完工", 9, 30)]
REPORTS = [(3, 15, 10, "完成立项审批和施工图设计，招标工作有序推进"), (6, 30, 45, "项目已开工，施工进度符合计划"),
           (10, 15, 80, "主体工程基本完工，正在进行配套设施建设")]
FINDINGS = ["施工现场管理规范，建议加强安全文明施工宣传", "工程进度符合计划，建议做好周边居民沟通",
            "部分配套设施滞后，建议加快推进并按期完工", "项目质量总体良好，建议完善后期管护机制"]
EVALUATORS = ["深圳市建设工程质量检测中心", "广东省建筑科学研究院", "第三方工程咨询评估机构"]
CARRY_REASONS = ["项目建设周期跨年度，按计划于次年完工", "受征地拆迁影响，部分工程顺延至次年实施"]
MICRO_NAMES = [
    "小区路灯维修更换", "社区休闲座椅增设", "楼道扶手加装", "社区儿童游乐设施更新", "垃圾分类亭建设",
    "社区健身路径改造", "老人活动室空调更换", "社区宣传栏更新", "消防器材配置", "小区道路破损修复",
    "雨棚加装", "社区文化活动开展", "长者助餐服务", "青少年暑期托管", "社区监控补盲", "绿化带补种",
    "排水沟清淤改造", "自行车停放架增设", "社区读书角建设", "防滑坡道改造", "公共晾晒区建设",
    "社区义诊活动", "居民议事厅改造", "充电桩安装", "反诈宣传活动",
]
ORGANIZATIONS = ["社区党委", "社区居委会", "社区工作站", "业主委员会", "社区股份合作公司", "社会组织服务中心"]


def _staff():
    return get_user_model().objects.filter(username="staff").first()


def _session(term: Term, year: int) -> CongressSession | None:
    return CongressSession.objects.filter(term=term, kind=SessionKind.CONGRESS, start_date__year=year).first()


def _approval_targets(rng: random.Random, *, tie: bool) -> list[int]:
    """Approvals per candidate: 20 distinct majorities of the 200 entitled, then 5 short of a
    majority; with `tie`, the 21st candidate ties with the 20th (19 elected, a run-off for one)."""
    top = sorted(rng.sample(range(118, 186), SEATS), reverse=True)
    rest = rng.sample(range(35, 100), CANDIDATES - SEATS)
    if tie:
        rest[0] = top[-1]
    return top + rest


def _papers(rng: random.Random, targets: list[int], voters: int, seats: int) -> list[list[str]]:
    """Ballot papers (one list of choices per voter) with exactly `targets[i]` approvals of
    candidate i and at most `seats` approvals on any paper."""
    papers = [["abstain"] * len(targets) for _ in range(voters)]
    capacity = [seats] * voters
    for index in sorted(range(len(targets)), key=lambda i: -targets[i]):
        pool = sorted(range(voters), key=lambda v: (-capacity[v], rng.random()))[:targets[index]]
        for voter in pool:
            papers[voter][index] = "approve"
            capacity[voter] -= 1
    for paper in papers:
        for index, choice in enumerate(paper):
            if choice != "approve" and rng.random() < 0.55:
                paper[index] = "oppose"
    return papers


def _record_papers(ballot: Ballot, voters: list[Deputy], papers: list[list[str]]) -> None:
    """What ballot_cast writes, in bulk: a receipt per voter and the summed counters."""
    BallotReceipt.objects.bulk_create([BallotReceipt(ballot=ballot, deputy=d) for d in voters])
    candidacies = list(ballot.candidacies.order_by("order"))
    for index, candidacy in enumerate(candidacies):
        column = [paper[index] for paper in papers]
        Candidacy.objects.filter(pk=candidacy.pk).update(
            approvals=F("approvals") + column.count("approve"), oppositions=F("oppositions") + column.count("oppose"),
            abstentions=F("abstentions") + column.count("abstain"))


def _candidates(rng: random.Random, year: int, units: list[Organization], names: list[str]) -> list[KeyProject]:
    projects = []
    for order, name in enumerate(names, 1):
        start = date(year, rng.randint(2, 4), rng.randint(1, 28))
        projects.append(KeyProject.objects.create(
            year=year, title=f"{rng.choice(PLACES)}{name}", order=order, lead_unit=rng.choice(units),
            description=f"{year}年重点民生实事候选项目：{name}，由区政府提请区人代会代表票决。",
            budget=Decimal(rng.randint(300, 12000)), planned_start=start,
            planned_end=date(year, 12, 31) if rng.random() < 0.8 else date(year + 1, 6, 30)))
    return projects


def _ballot(*, rng, year, term, staff, deputies, units, tie=False, progress) -> Ballot:
    names = rng.sample(PROJECT_NAMES, CANDIDATES)
    projects = _candidates(rng, year, units, names)
    session = _session(term, year)
    ballot = ballot_create(year=year, term=term, seats=SEATS, projects=projects, session=session, created_by=staff)
    ballot_open(ballot=ballot, opened_by=staff)
    voters = rng.sample(deputies, len(deputies) - rng.randint(4, 12))
    _record_papers(ballot, voters, _papers(rng, _approval_targets(rng, tie=tie), len(voters), SEATS))
    ballot_close(ballot=ballot, closed_by=staff)
    if session is not None:  # the demo's history: the ballot was held at the session, not today
        from datetime import datetime, time

        from django.utils import timezone

        opened = timezone.make_aware(datetime.combine(session.start_date + timedelta(days=1), time(9, 30)))
        Ballot.objects.filter(pk=ballot.pk).update(opened_at=opened, closed_at=opened + timedelta(hours=1))
    ballot.refresh_from_db()
    progress(f"  {year}: ballot of {CANDIDATES} candidates for {SEATS} seats, {len(voters)} of "
             f"{ballot.entitled_count} deputies voted")
    return ballot


def _supervise(*, rng, project: KeyProject, staff, deputies, complete: bool, carry: bool) -> None:
    year = project.year
    group = rng.sample(deputies, 5)
    group_set(project=project, deputies=group, leader=group[0], set_by=staff)
    milestones = [milestone_add(project=project, title=title, due_on=date(year, month, day), added_by=staff)
                  for title, month, day in MILESTONES]
    reports = REPORTS if not carry else REPORTS[:2]
    for (month, day, percent, text), milestone in zip(reports, milestones, strict=False):
        report = progress_report_submit(project=project, reported_on=date(year, month, day), percent_complete=percent,
                                        text=text, spent=project.budget * percent / 100, milestone=milestone,
                                        submitted_by=staff)
        progress_report_approve(report=report, approved_by=staff)
    for _ in range(rng.choice((1, 2))):
        on = date(year, rng.randint(5, 11), rng.randint(1, 28))
        inspection_record(project=project, occurred_on=on, findings=rng.choice(FINDINGS),
                          deputies=rng.sample(group, rng.randint(3, 5)), recorded_by=staff)
    if carry:
        project_carry_over(project=project, reason=rng.choice(CARRY_REASONS), carried_by=staff)
        report = progress_report_submit(project=project, reported_on=date(year + 1, 3, 31),
                                        percent_complete=rng.randint(62, 88), text="跨年度实施，按计划推进",
                                        submitted_by=staff)
        progress_report_approve(report=report, approved_by=staff)
        return
    if complete:
        finished = date(year, 12, rng.randint(10, 28))
        report = progress_report_submit(project=project, reported_on=finished, percent_complete=100,
                                        text="项目全部完工并通过验收", spent=project.budget, submitted_by=staff)
        progress_report_approve(report=report, approved_by=staff)
        project_complete(project=project, completed_on=finished, completed_by=staff)
        score = Decimal(rng.randint(820, 985)) / 10
        grade = QualityGrade.EXCELLENT if score >= 90 else QualityGrade.GOOD
        quality_evaluation_record(project=project, evaluator=rng.choice(EVALUATORS), evaluated_on=date(year + 1, 1, 5),
                                  score=score, grade=grade, summary="工程质量符合设计和规范要求，群众反映良好",
                                  recorded_by=staff)


def _rate(*, rng, year: int, term: Term, staff, deputies) -> None:
    """The year-end satisfaction rating: opened and closed by the services; the ratings, like
    the ballot papers, as receipts and counters in bulk."""
    survey = survey_open(year=year, term=term, opened_by=staff)
    raters = rng.sample(deputies, len(deputies) - rng.randint(5, 15))
    SatisfactionReceipt.objects.bulk_create([SatisfactionReceipt(survey=survey, deputy=d) for d in raters])
    for tally in survey.tallies.all():
        levels = [rng.choices(("satisfied", "basically", "dissatisfied"), weights=(86, 13, 1))[0] for _ in raters]
        SatisfactionTally.objects.filter(pk=tally.pk).update(
            satisfied=levels.count("satisfied"), basically=levels.count("basically"),
            dissatisfied=levels.count("dissatisfied"))
    survey_close(survey=survey, closed_by=staff)


def _key_projects(*, rng, progress) -> None:
    from points.defaults import ensure_default_rules
    from points.models import PointRule, PointRuleVersion

    ensure_default_rules(PointRule, PointRuleVersion)  # inspections earn project_inspection points
    staff = _staff()
    term = Term.objects.filter(number=1).first()
    deputies = list(Deputy.objects.filter(code__startswith="D1-").order_by("code"))
    units = list(Organization.objects.filter(kind=OrganizationKind.DEPARTMENT).order_by("order"))
    if staff is None or term is None or not deputies or not units:
        progress("Projects: no demo registry (run the registry step first); skipped")
        return
    for year, (completed, carried) in PLAN.items():
        if KeyProject.objects.filter(year=year).exists():
            progress(f"Projects: {year} already seeded")
            continue
        year_rng = random.Random(f"{rng.random()}:{year}")
        with transaction.atomic():
            ballot = _ballot(rng=year_rng, year=year, term=term, staff=staff, deputies=deputies, units=units,
                             progress=progress)
            elected = list(KeyProject.objects.filter(candidacies__ballot=ballot, status=ProjectStatus.PLANNED)
                           .order_by("order"))
            carry = {p.pk for p in year_rng.sample(elected, carried)}
            for project in elected:
                _supervise(rng=year_rng, project=project, staff=staff, deputies=deputies,
                           complete=project.pk not in carry, carry=project.pk in carry)
            KeyProject.objects.filter(pk__in=carry).update(multi_year=True)
            _rate(rng=year_rng, year=year, term=term, staff=staff, deputies=deputies)
            progress(f"  {year}: {len(elected)} elected, {completed} completed, {carried} carried over")
    if not KeyProject.objects.filter(year=2021).exists():
        year_rng = random.Random(f"{rng.random()}:2021")
        with transaction.atomic():
            ballot = _ballot(rng=year_rng, year=2021, term=term, staff=staff, deputies=deputies, units=units, tie=True,
                             progress=progress)
            runoff = Ballot.objects.filter(runoff_of=ballot).first()
            if runoff is not None and runoff.status == BallotStatus.DRAFT:
                ballot_open(ballot=runoff, opened_by=staff)
                progress(f"  2021: a tie at the cut-off; run-off ballot for {runoff.seats} seat open")
    totals = KeyProject.objects.filter(year__in=PLAN, status__in=[ProjectStatus.COMPLETED, ProjectStatus.CARRIED_OVER])
    progress(f"Projects: 2019–2020 {totals.count()} key projects elected, "
             f"{totals.filter(status=ProjectStatus.COMPLETED).count()} completed")


def _micro_projects(*, rng, progress) -> None:
    """1,055 passed micro-projects spread over liaison's livelihood deliberation meetings (87 in the
    demo), all completed, with the proposals voted down and not shortlisted around them."""
    from liaison.models import Meeting, MeetingKind, Station, StationKind

    if MicroProject.objects.exists():
        progress("Projects: micro-projects already seeded")
        return
    meetings = list(Meeting.objects.filter(kind=MeetingKind.LIVELIHOOD_DELIBERATION)
                    .select_related("station__community").order_by("held_on", "pk"))
    if not meetings:
        progress("Projects: no livelihood deliberation meetings (run the liaison step first); micro-projects skipped")
        return
    stations = {s.community_id: s for s in Station.objects.filter(kind=StationKind.COMMUNITY)}
    by_street: dict[int, list] = {}
    for station in stations.values():
        by_street.setdefault(station.street_id, []).append(station)
    deputies_of: dict[int, list[Deputy]] = {}
    for deputy in Deputy.objects.filter(code__startswith="D1-", community__isnull=False):
        deputies_of.setdefault(deputy.community_id, []).append(deputy)
    base, extra = divmod(MICRO_PASSED, len(meetings))
    rows: list[MicroProject] = []
    for index, meeting in enumerate(meetings):
        if meeting.station.community_id in stations:
            candidates = [stations[meeting.station.community_id]]
        else:
            candidates = by_street.get(meeting.station.street_id, [])
        if not candidates:
            continue
        passed = base + (1 if index < extra else 0)
        failed = rng.choice((0, 0, 1, 1, 2))
        for number in range(passed + failed):
            station = rng.choice(candidates)
            kind = rng.choices([ProposerKind.DEPUTY, ProposerKind.RESIDENTS, ProposerKind.ORGANIZATION],
                               weights=(40, 35, 25))[0]
            local = deputies_of.get(station.community_id) or []
            if kind == ProposerKind.DEPUTY and not local:
                kind = ProposerKind.RESIDENTS
            present = rng.randint(25, 60)
            votes_for = rng.randint(present // 2 + 1, present) if number < passed else rng.randint(5, present // 2)
            against = rng.randint(0, present - votes_for)
            abstaining = rng.randint(0, present - votes_for - against)
            status = MicroStatus.COMPLETED if rules.micro_project_passes(votes_for=votes_for, present=present) \
                else MicroStatus.FAILED
            completed_on = meeting.held_on + timedelta(days=rng.randint(30, 150)) if status == MicroStatus.COMPLETED \
                else None
            evaluated = status == MicroStatus.COMPLETED and rng.random() < 0.7
            rows.append(MicroProject(
                year=meeting.held_on.year, community=station.community, station=station,
                title=f"{station.community.name}{rng.choice(MICRO_NAMES)}", budget=Decimal(rng.randint(2, 48)),
                proposer_kind=kind, proposer_deputy=rng.choice(local) if kind == ProposerKind.DEPUTY else None,
                proposer_name="" if kind == ProposerKind.DEPUTY else (
                    f"{station.community.name}居民" if kind == ProposerKind.RESIDENTS
                    else f"{station.community.name}{rng.choice(ORGANIZATIONS)}"),
                status=MicroStatus.EVALUATED if evaluated else status, meeting=meeting, present=present,
                votes_for=votes_for, votes_against=against, abstentions=abstaining, completed_on=completed_on,
                evaluation=rng.choices(("satisfied", "basically"), weights=(9, 1))[0] if evaluated else ""))
    # Proposals the streets did not shortlist: few of the deputies' (over 95 % of theirs pass the screening).
    for index in range(140):
        station = rng.choice(list(stations.values()))
        local = deputies_of.get(station.community_id) or []
        deputy = rng.choice(local) if index < 12 and local else None
        held = meetings[index % len(meetings)].held_on
        rows.append(MicroProject(
            year=held.year, community=station.community, station=station,
            title=f"{station.community.name}{rng.choice(MICRO_NAMES)}", budget=Decimal(rng.randint(20, 90)),
            proposer_kind=ProposerKind.DEPUTY if deputy else ProposerKind.RESIDENTS, proposer_deputy=deputy,
            proposer_name="" if deputy else f"{station.community.name}居民", status=MicroStatus.NOT_SHORTLISTED,
            screening_note=rng.choice(["超出微实事资金额度", "已纳入其他项目计划", "不属于民生微实事范围"])))
    MicroProject.objects.bulk_create(rows, batch_size=500)
    passed = MicroProject.objects.filter(status__in=[MicroStatus.COMPLETED, MicroStatus.EVALUATED]).count()
    progress(f"Projects: {len(rows)} micro-projects, {passed} passed at {len(meetings)} livelihood deliberation "
             f"meetings, all completed")


def seed_projects(*, rng: random.Random, progress) -> None:
    progress("Projects: key livelihood projects")
    _key_projects(rng=random.Random(rng.random()), progress=progress)
    with transaction.atomic():
        _micro_projects(rng=random.Random(rng.random()), progress=progress)
