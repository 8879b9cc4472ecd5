"""The demo liaison network (SPEC §11, issue 10): 23 community stations and 6 central stations,
159 contact points with their public-sentiment liaisons, deputies stationed at their community's
station, and from 2017 to mid-2021 186 deputy deliberation meetings whose topics led to 2,685
resolved livelihood issues, and 87 livelihood deliberation meetings. The public pages compute
these figures from the records.

Records are bulk-created (their rules are checked by constraints), and so are their ledger
awards: exactly the rows points.services.entry_award writes (the attendance, topic or resolution
as the source, the value in force that day), under the ledger's one-award-per-source constraint. The points
demo (order 20) then tops the 2019/2020 ledgers up to the seed's totals. Deterministic (seeded
RNG) and idempotent: a network or meeting history that exists is left alone."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from congress.models import Community, Deputy, Street
from liaison.models import (
    Attendance,
    ContactPoint,
    ContactPointKind,
    IssueEvent,
    IssueEventKind,
    IssueLevel,
    IssueOrigin,
    IssueStatus,
    Liaison,
    LivelihoodIssue,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Reception,
    Station,
    StationedDeputy,
    StationKind,
    Topic,
)
from liaison.services import RULE_ATTENDANCE, RULE_ISSUE_RESOLVED, RULE_TOPIC_LEAD
from points.defaults import ensure_default_rules
from points.models import EntryKind, EntryStatus, LedgerEntry, PointRule, PointRuleVersion

# Seed figures (issue 10): meetings and resolved issues from 2017 to mid-2021, per year.
DEPUTY_MEETINGS = {2017: 28, 2018: 38, 2019: 42, 2020: 50, 2021: 28}            # 186
LIVELIHOOD_MEETINGS = {2017: 10, 2018: 18, 2019: 20, 2020: 24, 2021: 15}        # 87
RESOLVED_ISSUES = 2_685
CONTACT_POINTS = 159
LAST_DAY = date(2021, 6, 30)
STATIONED_FROM = date(2017, 3, 1)

OPENING_HOURS = "周一至周五 9:00–12:00、14:00–17:30；每月15日为代表进站接待日"
ROADS = ["人民路", "建设路", "和平路", "振兴路", "东纵路", "深汕路", "丹梓大道", "金牛路", "龙兴大道", "坪山大道"]
ESTATES = ["金域缇香花园", "东方半岛花园", "龙光城", "中粮祥云", "星河时代", "招商花园城", "万科金域东郡",
           "佳兆业未来城", "汇金花园", "碧桂园豪园",
           "卓越维港", "聚龙花园", "六和城", "宏发君域", "中海锦城", "京基御景"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾田"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉斌波宁浩凯鹏"

TOPICS = [
    ("老旧小区加装电梯", ["1栋加装电梯意见协调", "加装电梯低层住户补偿", "电梯井道占用绿地", "加装电梯施工噪音"]),
    ("背街小巷路灯维修", ["巷道路灯损坏", "路灯亮灯时间过短", "新增照明盲区路灯"]),
    ("农贸市场环境整治", ["市场排水沟堵塞", "占道经营", "活禽摊点异味", "市场周边垃圾清运不及时"]),
    ("学校周边交通拥堵", ["上下学时段接送车辆拥堵", "学校门口缺少斑马线", "校门口违停", "护学岗人手不足"]),
    ("雨污分流改造", ["施工围挡占道", "改造后路面未恢复", "小区化粪池外溢"]),
    ("社区公园设施更新", ["健身器材损坏", "儿童游乐设施老化", "公园公厕保洁", "夜间广场舞噪音"]),
    ("河道水环境治理", ["河道漂浮垃圾", "河岸步道破损", "排污口异味"]),
    ("公交出行便利", ["公交站台无遮雨棚", "公交线路调整", "末班车时间过早"]),
    ("停车难问题", ["小区周边停车位不足", "充电桩安装", "僵尸车清理", "路边停车收费"]),
    ("垃圾分类推进", ["分类投放点设置", "厨余垃圾桶清洗", "大件垃圾清运"]),
    ("社区医疗服务", ["社康中心延时服务", "家庭医生签约", "慢性病取药不便"]),
    ("城中村消防安全", ["消防通道被占", "电动车楼道充电", "消防栓缺水"]),
    ("无障碍设施改造", ["人行天桥无障碍坡道", "盲道被占", "社区服务中心无障碍通道"]),
    ("养老服务", ["长者饭堂用餐", "独居老人探访", "日间照料中心床位"]),
]
OUTCOMES = ["议定由社区工作站牵头，一个月内整改完毕", "提请街道协调相关部门现场办理",
            "形成代表建议，报区人大常委会转交办理", "会同物业公司制定整改方案并公示",
            "列入民生微实事项目候选", "由驻站代表跟踪协调，下次议事会通报进展"]
RESOLUTIONS = ["已完成维修，居民满意", "经协调相关部门，问题已解决", "已完成整改并经代表现场查看",
               "已纳入年度计划并实施完毕", "经多方协商达成一致，问题已化解"]
CLOSE_REASONS = ["涉及产权纠纷，已引导当事人通过司法途径解决", "不属于政府职能范围，已向居民解释说明"]
ESCALATION_REASONS = {IssueLevel.STREET: "社区层面无法协调，需街道统筹解决",
                      IssueLevel.DISTRICT: "涉及多个部门职责，提请区级层面协调"}


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _phone(rng: random.Random) -> str:
    return f"13{rng.randint(100000000, 999999999)}"


@transaction.atomic
def _seed_network(*, rng: random.Random, progress) -> None:
    if Station.objects.exists():
        progress("Liaison: the station network already exists")
        return
    progress("Liaison: 23 community stations and 6 central stations")
    stations = []
    for street in Street.objects.order_by("order"):
        stations.append(Station(
            kind=StationKind.CENTRAL, name=f"{street.name}人大代表中心联络站", street=street,
            address=f"深圳市坪山区{street.name}{rng.choice(ROADS)}{rng.randint(1, 199)}号{street.name}办事处一楼",
            opening_hours=OPENING_HOURS, order=0))
        for index, community in enumerate(Community.objects.filter(street=street).order_by("order"), start=1):
            stations.append(Station(
                kind=StationKind.COMMUNITY, name=f"{community.name}人大代表联络站", street=street, community=community,
                # "street + community" alone is how the demo writes deputies' private addresses.
                address=f"坪山区{community.name}{rng.choice(ROADS)}{rng.randint(1, 299)}号"
                        f"社区党群服务中心{rng.randint(1, 3)}楼",
                opening_hours=OPENING_HOURS, order=index))
    Station.objects.bulk_create(stations)
    community_stations = list(Station.objects.filter(kind=StationKind.COMMUNITY).select_related("community")
                              .order_by("street__order", "order"))

    progress(f"Liaison: {CONTACT_POINTS} contact points and their liaisons")
    counts = [CONTACT_POINTS // len(community_stations)] * len(community_stations)
    for index in range(CONTACT_POINTS - sum(counts)):
        counts[index] += 1
    estates = list(ESTATES)
    rng.shuffle(estates)
    points = []
    for station, count in zip(community_stations, counts, strict=True):
        community = station.community.name
        names = [(ContactPointKind.RESIDENTS_COMMITTEE, f"{community}居委会联系点")]
        for group in range(1, count):
            if group % 3 == 0:
                names.append((ContactPointKind.GARDEN_ESTATE, f"{estates[(len(points) + group) % len(estates)]}"
                                                               f"（{community}）联系点"))
            elif group % 5 == 4:
                names.append((ContactPointKind.OTHER, f"{community}党群服务中心联系点"))
            else:
                names.append((ContactPointKind.RESIDENTS_GROUP, f"{community}第{group}居民小组联系点"))
        for kind, name in names[:count]:
            points.append(ContactPoint(station=station, kind=kind, name=name,
                                       address=f"{community}{rng.choice(ROADS)}{rng.randint(1, 299)}号"))
    ContactPoint.objects.bulk_create(points)
    Liaison.objects.bulk_create([
        Liaison(station_id=point.station_id, contact_point=point, name=_name(rng), phone=_phone(rng),
                address=f"{rng.choice(ROADS)}{rng.randint(1, 299)}号{rng.randint(1, 30)}栋{rng.randint(101, 2808)}室")
        for point in ContactPoint.objects.order_by("pk")])

    progress("Liaison: stationed deputies")
    deputies = list(Deputy.objects.filter(code__startswith="D1-").order_by("code"))
    by_community = {station.community_id: station for station in community_stations}
    central = {station.street_id: station for station in Station.objects.filter(kind=StationKind.CENTRAL)}
    stationings = []
    for deputy in deputies:
        station = by_community.get(deputy.community_id)
        if station is None:
            continue
        stationings.append(StationedDeputy(station=station, deputy=deputy, start_date=STATIONED_FROM))
        if deputy.is_committee_member:
            # Standing committee members also serve at their street's central station.
            stationings.append(StationedDeputy(station=central[deputy.street_id], deputy=deputy,
                                               start_date=STATIONED_FROM))
    StationedDeputy.objects.bulk_create(stationings)
    station_login = get_user_model().objects.filter(username="station").first()
    liuhe = Station.objects.filter(community__name="六和社区").first()
    if station_login and liuhe:
        liuhe.staff.add(station_login)


def _meeting_days(rng, station_ids, year, count, kind, taken) -> list[tuple[int, date]]:
    first = STATIONED_FROM if year == 2017 else date(year, 1, 1)
    last = min(date(year, 12, 31), LAST_DAY)
    days = []
    while len(days) < count:
        station_id, day = rng.choice(station_ids), _day(rng, first, last)
        if (station_id, kind, day) not in taken:
            taken.add((station_id, kind, day))
            days.append((station_id, day))
    return sorted(days, key=lambda item: item[1])


class _Awards:
    """The ledger awards of the demo's history, written in bulk: thousands of entry_award calls
    would make `seed_demo` take minutes. Each row is what entry_award writes (a verified award at
    the value of the rule version in force that day, the record as its source), and the ledger's
    one-award-per-source constraint still guards it. Records made after the demo use the services."""

    def __init__(self, staff):
        self.staff, self.entries, self.now = staff, [], timezone.now()
        self.rules = {rule.code: rule for rule in PointRule.objects.all()}
        self.versions = defaultdict(list)
        for version in PointRuleVersion.objects.order_by("effective_from"):
            self.versions[version.rule_id].append((version.effective_from, version.points))

    def points(self, rule: PointRule, on: date) -> int:
        value = None
        for effective_from, points in self.versions[rule.pk]:
            if effective_from <= on:
                value = points
        if value is None:
            raise ValueError(f"{rule.code} has no value on {on}")
        return value

    def award(self, deputy_id: int, code: str, source, on: date) -> None:
        rule = self.rules[code]
        self.entries.append(LedgerEntry(
            deputy_id=deputy_id, rule=rule, occurred_on=on, points=self.points(rule, on), kind=EntryKind.AWARD,
            status=EntryStatus.VERIFIED, source_type=ContentType.objects.get_for_model(source), source_id=source.pk,
            created_by=self.staff, decided_at=self.now, decided_by=self.staff))

    def flush(self) -> int:
        LedgerEntry.objects.bulk_create(self.entries, batch_size=2000)
        count, self.entries = len(self.entries), []
        return count


@transaction.atomic
def _seed_meetings(*, rng: random.Random, progress) -> None:
    if Meeting.objects.exists():
        progress("Liaison: meetings already recorded")
        return
    staff = get_user_model().objects.filter(username="staff").first()
    stations = list(Station.objects.filter(kind=StationKind.COMMUNITY).order_by("pk"))
    station_ids = [station.pk for station in stations]
    stationed = defaultdict(list)
    for station_id, deputy_id in StationedDeputy.objects.values_list("station_id", "deputy_id"):
        stationed[station_id].append(deputy_id)
    points_by_station = defaultdict(list)
    for point_id, station_id in ContactPoint.objects.values_list("pk", "station_id"):
        points_by_station[station_id].append(point_id)
    liaisons_by_station = defaultdict(list)
    for liaison_id, station_id in Liaison.objects.values_list("pk", "station_id"):
        liaisons_by_station[station_id].append(liaison_id)
    awards = _Awards(staff)
    now = timezone.now()

    taken: set = set()
    plan = []
    for year in sorted(DEPUTY_MEETINGS):
        plan += [(MeetingKind.DEPUTY_DELIBERATION, station_id, day)
                 for station_id, day in _meeting_days(rng, station_ids, year, DEPUTY_MEETINGS[year],
                                                      MeetingKind.DEPUTY_DELIBERATION, taken)]
        plan += [(MeetingKind.LIVELIHOOD_DELIBERATION, station_id, day)
                 for station_id, day in _meeting_days(rng, station_ids, year, LIVELIHOOD_MEETINGS[year],
                                                      MeetingKind.LIVELIHOOD_DELIBERATION, taken)]
    names = dict(Station.objects.values_list("pk", "community__name"))
    meetings = Meeting.objects.bulk_create([
        Meeting(kind=kind, station_id=station_id, held_on=day, status=MeetingStatus.CONFIRMED, confirmed_at=now,
                confirmed_by=staff, recorded_by=staff, residents_present=rng.randint(8, 40),
                title=(f"{names[station_id]}{day.year}年{day.month}月"
                       f"{'代表议事会' if kind == MeetingKind.DEPUTY_DELIBERATION else '民生议政会'}"),
                venue=f"{names[station_id]}人大代表联络站议事室",
                minutes="会议由驻站代表主持，与会代表和居民代表围绕议题充分讨论，形成处理意见。")
        for kind, station_id, day in plan])
    progress(f"Liaison: {len(meetings)} meetings "
             f"({sum(DEPUTY_MEETINGS.values())} deputy / {sum(LIVELIHOOD_MEETINGS.values())} livelihood deliberation)")

    attendances, topics = [], []
    for meeting in meetings:
        members = stationed[meeting.station_id]
        present = [pk for pk in members if rng.random() < 0.75] or members[:1]
        attendances += [Attendance(meeting=meeting, deputy_id=pk) for pk in present]
        if meeting.kind == MeetingKind.DEPUTY_DELIBERATION:
            for order, (theme, _problems) in enumerate(rng.sample(TOPICS, rng.randint(3, 5)), start=1):
                topics.append(Topic(meeting=meeting, title=theme, lead_deputy_id=rng.choice(present), order=order,
                                    outcome=rng.choice(OUTCOMES), description=f"居民反映的{theme}相关问题"))
    Attendance.objects.bulk_create(attendances, batch_size=1000)
    Topic.objects.bulk_create(topics, batch_size=1000)
    held = {meeting.pk: meeting.held_on for meeting in meetings}
    for attendance in attendances:
        awards.award(attendance.deputy_id, RULE_ATTENDANCE, attendance, held[attendance.meeting_id])
    for topic in topics:
        awards.award(topic.lead_deputy_id, RULE_TOPIC_LEAD, topic, held[topic.meeting_id])
    awards.flush()
    progress(f"Liaison: {len(attendances)} attendances and {len(topics)} topic leads awarded")

    # Issues: 2,685 resolved from the deputy deliberation meetings' topics, a few still open.
    theme_problems = dict(TOPICS)
    issues, resolutions = [], []
    station_of = {meeting.pk: meeting.station_id for meeting in meetings}
    weights = [rng.random() + 0.5 for _ in topics]
    scale = RESOLVED_ISSUES / sum(weights)
    counts = [max(1, int(weight * scale)) for weight in weights]
    for index in range(RESOLVED_ISSUES - sum(counts)):
        counts[index % len(counts)] += 1
    while sum(counts) > RESOLVED_ISSUES:
        counts[counts.index(max(counts))] -= 1
    for topic, count in zip(topics, counts, strict=True):
        station_id, raised = station_of[topic.meeting_id], held[topic.meeting_id]
        for number in range(count):
            problem = rng.choice(theme_problems[topic.title])
            origin = rng.choices([IssueOrigin.TOPIC, IssueOrigin.CONTACT_POINT, IssueOrigin.LIAISON], [6, 2, 2])[0]
            level = rng.choices([IssueLevel.COMMUNITY, IssueLevel.STREET, IssueLevel.DISTRICT], [70, 24, 6])[0]
            resolved = min(raised + timedelta(days=rng.randint(7, 120)), LAST_DAY)
            issue = LivelihoodIssue(
                station_id=station_id, origin=origin, topic=topic, title=f"{problem}（{number + 1}）",
                description=f"居民反映：{problem}，希望尽快解决。", reporter_name=_name(rng),
                reporter_contact=_phone(rng),
                public_title=problem if number == 0 else "", raised_on=raised, level=level,
                following_deputy_id=topic.lead_deputy_id if rng.random() < 0.8 else rng.choice(stationed[station_id]),
                status=IssueStatus.RESOLVED, resolved_on=max(resolved, raised), resolution_note=rng.choice(RESOLUTIONS),
                recorded_by=staff)
            if origin == IssueOrigin.CONTACT_POINT:
                issue.contact_point_id = rng.choice(points_by_station[station_id])
            elif origin == IssueOrigin.LIAISON:
                issue.liaison_id = rng.choice(liaisons_by_station[station_id])
            issues.append(issue)
    LivelihoodIssue.objects.bulk_create(issues, batch_size=1000)
    events = []
    for issue in issues:
        events.append(IssueEvent(issue=issue, kind=IssueEventKind.RAISED, to_status=IssueStatus.OPEN,
                                 to_level=IssueLevel.COMMUNITY, occurred_on=issue.raised_on, created_by=staff,
                                 deputy_id=issue.following_deputy_id))
        events.append(IssueEvent(issue=issue, kind=IssueEventKind.STARTED, from_status=IssueStatus.OPEN,
                                 to_status=IssueStatus.IN_PROGRESS, from_level=IssueLevel.COMMUNITY,
                                 to_level=IssueLevel.COMMUNITY, occurred_on=issue.raised_on, created_by=staff,
                                 deputy_id=issue.following_deputy_id))
        previous = IssueLevel.COMMUNITY
        for level in (IssueLevel.STREET, IssueLevel.DISTRICT):
            if issue.level == level or (level == IssueLevel.STREET and issue.level == IssueLevel.DISTRICT):
                events.append(IssueEvent(issue=issue, kind=IssueEventKind.ESCALATED,
                                         from_status=IssueStatus.IN_PROGRESS, to_status=IssueStatus.IN_PROGRESS,
                                         from_level=previous, to_level=level,
                                         occurred_on=issue.raised_on + timedelta(days=3),
                                         note=ESCALATION_REASONS[level], created_by=staff,
                                         deputy_id=issue.following_deputy_id))
                previous = level
        resolution = IssueEvent(issue=issue, kind=IssueEventKind.RESOLVED, from_status=IssueStatus.IN_PROGRESS,
                                to_status=IssueStatus.RESOLVED, from_level=issue.level, to_level=issue.level,
                                occurred_on=issue.resolved_on, note=issue.resolution_note, created_by=staff,
                                deputy_id=issue.following_deputy_id)
        events.append(resolution)
        resolutions.append(resolution)
    IssueEvent.objects.bulk_create(events, batch_size=2000)
    for resolution in resolutions:
        awards.award(resolution.deputy_id, RULE_ISSUE_RESOLVED, resolution, resolution.occurred_on)
    progress(f"Liaison: {len(issues):,} resolved issues, {awards.flush():,} resolution awards")
    _seed_unfinished(rng=rng, staff=staff, stations=stations, stationed=stationed, progress=progress)


def _seed_unfinished(*, rng, staff, stations, stationed, progress) -> None:
    """Open, in-progress and closed issues and receptions of 2021, for the station pages' work lists."""
    receptions = Reception.objects.bulk_create([
        Reception(station=station, deputy_id=rng.choice(stationed[station.pk]),
                  received_on=_day(rng, date(2021, 4, 1), LAST_DAY), place="联络站接待室",
                  residents_count=rng.randint(1, 8), summary="代表进站接待日，居民反映诉求", recorded_by=staff)
        for station in stations for _ in range(2)])
    issues = []
    for index, reception in enumerate(receptions):
        theme, problems = TOPICS[index % len(TOPICS)]
        status = [IssueStatus.OPEN, IssueStatus.IN_PROGRESS, IssueStatus.IN_PROGRESS, IssueStatus.CLOSED][index % 4]
        issue = LivelihoodIssue(
            station_id=reception.station_id, origin=IssueOrigin.RECEPTION, reception=reception,
            title=rng.choice(problems), description=f"接待中居民反映：{theme}", reporter_name=_name(rng),
            reporter_contact=_phone(rng), raised_on=reception.received_on, following_deputy_id=reception.deputy_id,
            status=status, recorded_by=staff)
        if status == IssueStatus.CLOSED:
            issue.closed_on, issue.closed_reason = reception.received_on + timedelta(days=10), rng.choice(CLOSE_REASONS)
        issues.append(issue)
    LivelihoodIssue.objects.bulk_create(issues)
    events = []
    for issue in issues:
        events.append(IssueEvent(issue=issue, kind=IssueEventKind.RAISED, to_status=IssueStatus.OPEN,
                                 to_level=issue.level, occurred_on=issue.raised_on, created_by=staff,
                                 deputy_id=issue.following_deputy_id))
        if issue.status != IssueStatus.OPEN:
            events.append(IssueEvent(issue=issue, kind=IssueEventKind.STARTED, from_status=IssueStatus.OPEN,
                                     to_status=IssueStatus.IN_PROGRESS, from_level=issue.level, to_level=issue.level,
                                     occurred_on=issue.raised_on, created_by=staff,
                                     deputy_id=issue.following_deputy_id))
        if issue.status == IssueStatus.CLOSED:
            events.append(IssueEvent(issue=issue, kind=IssueEventKind.CLOSED, from_status=IssueStatus.IN_PROGRESS,
                                     to_status=IssueStatus.CLOSED, from_level=issue.level, to_level=issue.level,
                                     occurred_on=issue.closed_on, note=issue.closed_reason, created_by=staff,
                                     deputy_id=issue.following_deputy_id))
    IssueEvent.objects.bulk_create(events)
    progress(f"Liaison: {len(receptions)} receptions of 2021 with {len(issues)} unfinished issues")


def seed_liaison(*, rng: random.Random, progress) -> None:
    if not Deputy.objects.filter(code__startswith="D1-").exists():
        progress("Liaison: no demo deputies (run the registry step first); skipped")
        return
    ensure_default_rules(PointRule, PointRuleVersion)
    _seed_network(rng=random.Random(f"{rng.random()}:network"), progress=progress)
    _seed_meetings(rng=random.Random(f"{rng.random()}:meetings"), progress=progress)
