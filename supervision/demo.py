"""Demo step (order 40): a history of the "1+3" linked supervision since 2019, built so that the
portal's own statistics reproduce the seed's figures: 277 public-interest-litigation clues (25 from
deputies), 201 litigations filed, 73 procuratorial suggestions, 3 land parcels recovered, 1,455
trees replanted, 530 m² of illegal farmland cleared; for the audit bureau 56 problems rectified,
2,732,800 yuan recovered and 27 rules established. It includes the seed's idle-land story.
Bulk creation for the history (the rules are the services', tested elsewhere); idempotent."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from congress.models import Deputy, Organization, OrganizationKind
from congress.periods import local_date
from supervision.models import (
    ACTION_ACTOR,
    ActionKind,
    Case,
    CaseAction,
    CaseState,
    Clue,
    ClueCategory,
    ClueReporter,
    ClueSource,
    ClueState,
    Outcome,
    OutcomeKind,
    Rectification,
    RectificationStatus,
    Satisfaction,
)

PIL_PER_YEAR = {2019: 100, 2020: 120, 2021: 57}          # 277 public-interest-litigation clues
PIL_FROM_DEPUTIES = 25
LITIGATIONS, SUGGESTIONS = 201, 73
TREES = [300, 280, 325, 250, 300]                         # 1,455 trees
AREAS = [Decimal("200.00"), Decimal("180.00"), Decimal("150.00")]  # 530 m²
AUDIT_CLUES = 40
AUDIT_PROBLEMS, AUDIT_RULES = 56, 27
AUDIT_ASSETS = Decimal("2732800.00")
COMMISSION_CLUES = 18

PIL_TOPICS = {
    ClueCategory.ECOLOGY: ["河道沿岸违规倾倒建筑垃圾", "山林被违法占用开垦", "饮用水源保护区内违规养殖",
                           "工业园区企业偷排废水"],
    ClueCategory.LAND: ["基本农田被违法占用", "已出让地块长期闲置", "非法占用林地耕种"],
    ClueCategory.FOOD_DRUG: ["校园周边无证食品经营", "农贸市场销售过期食品", "药店违规销售处方药"],
    ClueCategory.STATE_ASSETS: ["国有资产出租收益流失", "公共设施长期闲置未用"],
}
AUDIT_TOPICS = {
    ClueCategory.PUBLIC_FINANCE: ["专项资金拨付不及时", "预算执行进度偏慢", "政府采购程序不规范"],
    ClueCategory.STATE_ASSETS: ["国有资产账实不符", "行政事业单位资产出租未入账"],
}
COMMISSION_TOPICS = ["工程项目招投标中疑似违规干预", "惠民补贴发放中疑似优亲厚友", "执法人员疑似不作为"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚"
RECTIFYING_UNITS = ["区规划土地监察局", "区生态环境分局", "区水务局", "区市场监督管理局", "区城市管理和综合执法局",
                    "区财政局", "区国有资产监督管理局", "区教育局", "区住房和建设局", "区卫生健康局"]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split into `parts` positive integers."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


def _split_amount(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    cents = _split(int(total * 100), parts, rng)
    return [Decimal(c) / 100 for c in cents]


class _Builder:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.numbers: dict[int, int] = {}
        self.clues: list[Clue] = []
        self.reporters: list[ClueReporter] = []
        self.cases: list[Case] = []
        self.actions: list[tuple[Case, CaseAction, dict]] = []
        self.items: list[tuple[Case, Rectification]] = []

    def day_in(self, year: int, *, before: date | None = None) -> date:
        start = date(year, 1, 5)
        end = min(date(year, 11, 30), before or date(year, 11, 30))
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def clue(self, *, year, source, category, public_interest, title, description="", received_on=None,
             state=ClueState.REFERRED, reporter: dict | None = None) -> Clue:
        self.numbers[year] = self.numbers.get(year, 0) + 1
        received_on = received_on or self.day_in(year)
        clue = Clue(number=f"XS{year}-{self.numbers[year]:04d}", received_on=received_on, source=source,
                    category=category, public_interest=public_interest, title=title,
                    description=description or f"{title}，请依法核查处理。", state=state)
        if state in (ClueState.SHARED, ClueState.REFERRED, ClueState.CLOSED):
            clue.shared_on = received_on + timedelta(days=5)
        self.clues.append(clue)
        if reporter:
            self.reporters.append(ClueReporter(clue=clue, **reporter))
        return clue

    def case(self, clue: Clue, organ: Organization) -> Case:
        case = Case(clue=clue, organ=organ, referred_on=clue.shared_on + timedelta(days=3))
        self.cases.append(case)
        return case

    def action(self, case: Case, kind: ActionKind, *, after_days: int, summary: str = "",
               outcomes: dict | None = None, escalates=None) -> CaseAction:
        action = CaseAction(kind=kind, actor=ACTION_ACTOR[kind], summary=summary, escalates=escalates,
                            occurred_on=case.referred_on + timedelta(days=after_days))
        self.actions.append((case, action, outcomes or {}))
        return action

    def citizen(self) -> dict:
        name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN) + self.rng.choice(GIVEN)
        return {"name": name, "phone": f"13{self.rng.randint(100000000, 999999999)}"}


def _organs() -> dict[str, Organization]:
    return {kind: Organization.objects.filter(kind=kind).order_by("order").first()
            for kind in (OrganizationKind.SUPERVISION_COMMISSION, OrganizationKind.PROCURATORATE,
                         OrganizationKind.AUDIT_BUREAU)}


def seed_supervision(*, rng: random.Random, progress) -> None:
    organs = _organs()
    if any(organ is None for organ in organs.values()):
        progress("Supervision: no 1+3 organs; run the registry step first")
        return
    if Clue.objects.exists():
        progress("Supervision: already there")
        return
    with transaction.atomic():
        _seed(rng=random.Random(rng.random()), organs=organs, progress=progress)


def _seed(*, rng, organs, progress) -> None:
    today = local_date(timezone.now())
    procuratorate = organs[OrganizationKind.PROCURATORATE]
    audit = organs[OrganizationKind.AUDIT_BUREAU]
    commission = organs[OrganizationKind.SUPERVISION_COMMISSION]
    units = {o.name: o for o in Organization.objects.filter(name__in=RECTIFYING_UNITS)}
    deputies = list(Deputy.objects.order_by("code")[:60])
    b = _Builder(rng)

    progress("Supervision: the idle-land story (2020)")
    idle = b.clue(year=2020, source=ClueSource.AUDIT, category=ClueCategory.LAND, public_interest=True,
                  received_on=date(2020, 4, 15), state=ClueState.CLOSED,
                  title="已出让土地闲置未开发且到期未依法回收",
                  description="常委会对审计查出问题整改情况开展满意度测评，国有土地使用权出让收支问题得分较低；"
                              "跟踪发现“已出让土地闲置未开发且到期未依法回收”问题多发，移交区检察院。")
    idle.result = "区检察院提出检察意见，依法收回闲置土地；区政府相关部门制定工作指引，实现全流程全周期监管。"
    idle.closed_on = date(2020, 12, 28)
    idle_pro = b.case(idle, procuratorate)
    b.action(idle_pro, ActionKind.PROCURATORIAL_OPINION, after_days=45,
             summary="依法介入，向区规划土地监察局提出检察意见，督促依法收回到期未开发的闲置土地。",
             outcomes={OutcomeKind.LAND_PARCELS: 1})
    idle_audit = b.case(idle, audit)
    b.action(idle_audit, ActionKind.AUDIT_FINDING, after_days=10,
             summary="国有土地使用权出让收支审计发现：部分已出让土地闲置未开发，到期未依法回收。")
    b.action(idle_audit, ActionKind.RECTIFICATION_REQUIRED, after_days=12, summary="要求责任单位限期整改。")
    idle_item = Rectification(unit=units.get("区规划土地监察局") or next(iter(units.values())),
                              requirement="对到期未开发的已出让土地依法处置、收回，并建立闲置土地监管台账。",
                              deadline=date(2020, 10, 31), status=RectificationStatus.ACCEPTED, round=2,
                              report="已依法收回闲置土地1宗，建立台账并按月更新。", reported_on=date(2020, 11, 20),
                              satisfaction=Satisfaction.SATISFIED, evaluated_on=date(2020, 12, 10))
    b.items.append((idle_audit, idle_item))
    b.action(idle_audit, ActionKind.WORK_REPORT_HEARING, after_days=110, escalates=idle_item,
             summary="首轮整改满意度测评为不满意，常委会听取和审议专项工作报告，要求重新整改。")
    b.action(idle_audit, ActionKind.SPECIAL_AUDIT, after_days=230,
             summary="纳入专项审计跟踪整改：区政府相关部门研究制定已出让土地全流程监管工作指引。",
             outcomes={OutcomeKind.RULES: 1, OutcomeKind.PROBLEMS: 1})
    idle_pro.state = idle_audit.state = CaseState.CLOSED
    idle_pro.closed_on = idle_audit.closed_on = date(2020, 12, 20)
    idle_pro.result = "检察意见已落实，土地依法收回。"
    idle_audit.result = "整改到位，制定工作指引。"

    progress("Supervision: public-interest-litigation clues 2019–2021")
    deputy_slots = set(rng.sample(range(sum(PIL_PER_YEAR.values()) - 1), PIL_FROM_DEPUTIES))
    pil_cases: list[Case] = []
    index = 0
    for year, count in PIL_PER_YEAR.items():
        for _n in range(count - (1 if year == 2020 else 0)):  # the idle-land clue is one of 2020's
            category = rng.choice(list(PIL_TOPICS))
            if index in deputy_slots:
                source = ClueSource.DEPUTY
                reporter = {"deputy": rng.choice(deputies)} if deputies else None
            else:
                source = rng.choice([ClueSource.CITIZEN] * 5 + [ClueSource.AUDIT, ClueSource.INSPECTION,
                                                                  ClueSource.OTHER])
                reporter = b.citizen() if source == ClueSource.CITIZEN else None
            closed = year < 2021 or rng.random() < 0.5
            clue = b.clue(year=year, source=source, category=category, public_interest=True,
                          title=rng.choice(PIL_TOPICS[category]), reporter=reporter,
                          state=ClueState.CLOSED if closed else ClueState.REFERRED)
            if closed:
                clue.result, clue.closed_on = "检察机关依法办理，问题已整改。", clue.received_on + timedelta(days=200)
            pil_cases.append(b.case(clue, procuratorate))
            index += 1

    # 201 litigations and 73 procuratorial suggestions on distinct cases; judgments on most of the
    # litigations; the outcomes on a few of them.
    rng.shuffle(pil_cases)
    litigated, suggested = pil_cases[:LITIGATIONS], pil_cases[LITIGATIONS:LITIGATIONS + SUGGESTIONS]
    for case in litigated:
        b.action(case, ActionKind.LITIGATION_FILED, after_days=rng.randint(20, 60), summary="依法提起公益诉讼。")
    judged = [case for case in litigated if case.clue.state == ClueState.CLOSED][:150]
    outcome_plan = ([{OutcomeKind.TREES: n} for n in TREES] + [{OutcomeKind.AREA_CLEARED: a} for a in AREAS]
                    + [{OutcomeKind.LAND_PARCELS: 1}] * 2)
    for i, case in enumerate(judged):
        b.action(case, ActionKind.JUDGMENT, after_days=rng.randint(90, 150), summary="法院判决支持公益诉讼请求。",
                 outcomes=outcome_plan[i] if i < len(outcome_plan) else None)
    for case in suggested:
        b.action(case, ActionKind.PROCURATORIAL_SUGGESTION, after_days=rng.randint(15, 45),
                 summary="向行政机关发出检察建议书。")
    for case in pil_cases:
        if case.clue.state == ClueState.CLOSED:
            case.state, case.closed_on, case.result = CaseState.CLOSED, case.clue.closed_on, "依法办结。"

    progress("Supervision: audit findings 2019–2021")
    problems = _split(AUDIT_PROBLEMS - 1, AUDIT_CLUES, rng) if AUDIT_CLUES <= AUDIT_PROBLEMS - 1 else []
    rules = [1] * (AUDIT_RULES - 1) + [0] * (AUDIT_CLUES - AUDIT_RULES + 1)
    rng.shuffle(rules)
    assets = _split_amount(AUDIT_ASSETS, 24, rng) + [None] * (AUDIT_CLUES - 24)
    rng.shuffle(assets)
    unit_list = list(units.values())
    for i in range(AUDIT_CLUES):
        year = 2019 + i % 3
        category = rng.choice(list(AUDIT_TOPICS))
        clue = b.clue(year=year, source=ClueSource.AUDIT, category=category, public_interest=False,
                      title=rng.choice(AUDIT_TOPICS[category]), state=ClueState.CLOSED)
        clue.result, clue.closed_on = "审计查出问题已整改到位。", clue.received_on + timedelta(days=240)
        case = b.case(clue, audit)
        case.state, case.closed_on, case.result = CaseState.CLOSED, clue.closed_on - timedelta(days=5), "整改到位。"
        b.action(case, ActionKind.SPECIAL_AUDIT, after_days=10, summary="纳入年度专项审计。")
        b.action(case, ActionKind.AUDIT_FINDING, after_days=40, summary="审计查出问题，详见审计报告。")
        outcomes = {OutcomeKind.PROBLEMS: problems[i]}
        if rules[i]:
            outcomes[OutcomeKind.RULES] = rules[i]
        if assets[i] is not None:
            outcomes[OutcomeKind.ASSETS_RECOVERED] = assets[i]
        b.action(case, ActionKind.RECTIFICATION_REQUIRED, after_days=50, summary="督促被审计单位整改并建章立制。",
                 outcomes=outcomes)
        if unit_list:
            b.items.append((case, Rectification(
                unit=unit_list[i % len(unit_list)], requirement=f"{clue.title}：限期整改并报送整改报告。",
                deadline=case.referred_on + timedelta(days=120), status=RectificationStatus.ACCEPTED,
                report="已整改到位。", reported_on=case.referred_on + timedelta(days=110),
                satisfaction=rng.choice([Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED]),
                evaluated_on=case.referred_on + timedelta(days=130))))

    progress("Supervision: supervision commission, dismissed and recent clues")
    for i in range(COMMISSION_CLUES):
        year = 2019 + i % 3
        clue = b.clue(year=year, source=rng.choice([ClueSource.CITIZEN, ClueSource.DEPUTY, ClueSource.INSPECTION]),
                      category=rng.choice([ClueCategory.PUBLIC_FINANCE, ClueCategory.STATE_ASSETS, ClueCategory.OTHER]),
                      public_interest=False, title=rng.choice(COMMISSION_TOPICS), state=ClueState.CLOSED)
        if clue.source == ClueSource.CITIZEN:
            b.reporters.append(ClueReporter(clue=clue, **b.citizen()))
        elif deputies:
            b.reporters.append(ClueReporter(clue=clue, deputy=rng.choice(deputies)))
        clue.result, clue.closed_on = "监察机关依法调查处置。", clue.received_on + timedelta(days=180)
        case = b.case(clue, commission)
        case.state, case.closed_on, case.result = CaseState.CLOSED, clue.closed_on, "已作出处置。"
        b.action(case, ActionKind.INVESTIGATION_OPENED, after_days=15, summary="立案调查。")
        b.action(case, ActionKind.DISPOSITION, after_days=120, summary="依规依纪依法作出处置。")
        if i % 6 == 0:
            b.action(case, ActionKind.SPECIAL_SUPERVISION, after_days=60, summary="常委会组织开展专项监督。")
    for i in range(8):
        clue = b.clue(year=2019 + i % 3, source=ClueSource.CITIZEN, category=ClueCategory.OTHER,
                      public_interest=False, title="反映的问题不属于监督范围", state=ClueState.DISMISSED,
                      reporter=b.citizen())
        clue.dismissal_reason = "经审查不属于联动监督范围，已告知反映人向有关部门反映。"
        clue.closed_on = clue.received_on + timedelta(days=20)

    # Work in progress now: clues waiting, an open audit case with items due soon for the demo units.
    recent_year = today.year
    for state in (ClueState.RECEIVED, ClueState.RECEIVED, ClueState.UNDER_REVIEW, ClueState.SHARED):
        b.clue(year=recent_year, source=ClueSource.CITIZEN, category=ClueCategory.ECOLOGY, public_interest=False,
               title="小区周边河道异味明显", received_on=today - timedelta(days=rng.randint(3, 20)), state=state,
               reporter=b.citizen())
    open_clue = b.clue(year=recent_year, source=ClueSource.INSPECTION, category=ClueCategory.PUBLIC_FINANCE,
                       public_interest=False, title="学校维修专项资金使用不规范",
                       received_on=today - timedelta(days=60))
    open_case = b.case(open_clue, audit)
    b.action(open_case, ActionKind.AUDIT_FINDING, after_days=10, summary="专项资金审计发现问题。")
    b.action(open_case, ActionKind.RECTIFICATION_REQUIRED, after_days=12, summary="要求限期整改。")
    for name, days, status in (("区教育局", 5, RectificationStatus.OPEN), ("区教育局", 40, RectificationStatus.OPEN),
                               ("区水务局", -3, RectificationStatus.OPEN)):
        if name in units:
            b.items.append((open_case, Rectification(
                unit=units[name], requirement="规范专项资金使用，追回违规支出并报送整改报告。",
                deadline=today + timedelta(days=days), status=status)))

    progress(f"Supervision: writing {len(b.clues)} clues, {len(b.cases)} cases, {len(b.actions)} actions")
    Clue.objects.bulk_create(b.clues)
    for reporter in b.reporters:
        reporter.clue_id = reporter.clue.pk
    ClueReporter.objects.bulk_create(b.reporters)
    for case in b.cases:
        case.clue_id = case.clue.pk
    Case.objects.bulk_create(b.cases)
    for case, item in b.items:
        item.case = case
    Rectification.objects.bulk_create([item for _case, item in b.items])
    for case, action, _outcomes in b.actions:
        action.case = case
        if action.escalates is not None:
            action.escalates_id = action.escalates.pk
    CaseAction.objects.bulk_create([action for _case, action, _outcomes in b.actions])
    rows = []
    for _case, action, outcomes in b.actions:
        for kind, value in outcomes.items():
            if kind in (OutcomeKind.AREA_CLEARED, OutcomeKind.ASSETS_RECOVERED):
                rows.append(Outcome(action=action, kind=kind, amount=value))
            else:
                rows.append(Outcome(action=action, kind=kind, count=value))
    Outcome.objects.bulk_create(rows)
    progress(f"Supervision: {len(rows)} outcomes recorded")
