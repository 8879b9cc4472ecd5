"""The demo district's core registry (SPEC §11), modelled on the seed report's district:
6 streets, 23 communities, the government and its departments, the three "1+3" organs, the
court, about 200 deputies of the first term, sessions and meetings, and a demo login per role.
Deterministic (a seeded RNG) and idempotent (natural keys), so running it twice changes nothing."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from congress.models import (
    Community,
    CongressSession,
    Deputy,
    DeputyPrivate,
    Gender,
    Organization,
    OrganizationContact,
    OrganizationKind,
    SessionKind,
    Street,
    Term,
)
from congress.roles import Role

DEMO_PASSWORD = "demo-2020"
# The demo's back-office logins share this authenticator secret (base32), printed at the end of
# `seed_demo` so a reviewer can add it to an app, or read the current code with
# `manage.py demo_totp <login>`. Demo only: a real account enrols its own secret.
DEMO_TOTP_SECRET = "DEMOTOTPDEMOTOTPDEMOTOTPDEMOTOTP"
DEMO_SECOND_FACTOR_LOGINS = ("admin", "staff", "unit", "unit2", "organ", "station")

STREETS = {
    "坪山街道": ["六和社区", "六联社区", "和平社区", "坪山社区"],
    "马峦街道": ["马峦社区", "沙坣社区", "江岭社区", "坪环社区"],
    "碧岭街道": ["碧岭社区", "沙湖社区", "汤坑社区"],
    "石井街道": ["石井社区", "田头社区", "金龟社区", "田心社区"],
    "坑梓街道": ["坑梓社区", "秀新社区", "沙田社区", "金沙社区"],
    "龙田街道": ["龙田社区", "老坑社区", "竹坑社区", "南布社区"],
}

DEPARTMENTS = [
    "区发展和改革局", "区教育局", "区科技创新局", "区工业和信息化局", "区公安分局", "区民政局",
    "区司法局", "区财政局", "区人力资源局", "区规划土地监察局", "区生态环境分局", "区住房和建设局",
    "区交通运输局", "区水务局", "区文化广电旅游体育局", "区卫生健康局", "区退役军人事务局", "区应急管理局",
    "区市场监督管理局", "区统计局", "区医疗保障局", "区城市管理和综合执法局", "区政务服务数据管理局",
    "区国有资产监督管理局", "区信访局", "区投资推广署", "区工务署", "区城市更新和土地整备局",
]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余"
    "于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷"
    "龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力斌波宁浩凯鹏宇"
    "晨欣怡佳颖雪琳婷倩媛海峰林亮志远春燕晓东振兴永光荣"
)
OCCUPATIONS = [
    "社区党委书记", "居委会主任", "中学教师", "小学校长", "医院院长", "主治医师", "企业董事长", "企业总经理",
    "个体工商户", "律师", "股份合作公司董事长", "街道办事处主任", "区政府工作部门负责人", "工程师",
    "科技企业研发总监", "社工机构负责人", "农业合作社负责人", "退休干部", "物业公司经理", "新闻工作者",
]


def upsert(model, defaults: dict, **lookup):
    """update_or_create that writes only what differs, so a second run leaves no history rows."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, defaults[name])
    if changed:
        obj.save(update_fields=changed)
    return obj, False


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


@transaction.atomic
def seed_registry(*, rng: random.Random, progress) -> None:
    progress("Registry: streets and communities")
    order = 0
    for street_index, (street_name, communities) in enumerate(STREETS.items(), start=1):
        street, _ = upsert(Street,
            code=f"S{street_index:02d}", defaults={"name": street_name, "order": street_index})
        for community_name in communities:
            order += 1
            upsert(Community,
                code=f"C{order:02d}", defaults={"name": community_name, "street": street, "order": order})
        upsert(Organization,
            name=f"{street_name}办事处",
            defaults={"kind": OrganizationKind.STREET_OFFICE, "street": street, "order": 200 + street_index})

    progress("Registry: organizations")
    fixed = [
        ("区人民政府", "区政府", OrganizationKind.GOVERNMENT),
        ("区监察委员会", "区监察委", OrganizationKind.SUPERVISION_COMMISSION),
        ("区人民检察院", "区检察院", OrganizationKind.PROCURATORATE),
        ("区审计局", "区审计局", OrganizationKind.AUDIT_BUREAU),
        ("区人民法院", "区法院", OrganizationKind.COURT),
    ]
    for index, (name, short, kind) in enumerate(fixed, start=1):
        upsert(Organization, name=name, defaults={"short_name": short, "kind": kind, "order": index})
    for index, name in enumerate(DEPARTMENTS, start=10):
        upsert(Organization,
            name=name, defaults={"short_name": name.removeprefix("区"), "kind": OrganizationKind.DEPARTMENT,
                                 "order": index})
    for organization in Organization.objects.filter(contact__isnull=True):
        OrganizationContact.objects.create(
            organization=organization, contact_person=person_name(rng),
            phone=f"0755-8{rng.randint(1000000, 9999999)}", address="坪山区行政服务大厅")

    progress("Registry: terms, sessions and meetings")
    term1, _ = upsert(Term, number=1, defaults={"start_year": 2017, "end_year": 2021})
    upsert(Term, number=2, defaults={"start_year": 2022, "end_year": 2026})
    for number, year in enumerate(range(2017, 2022), start=1):
        start = date(year, 1, 8) if number > 1 else date(2017, 1, 10)
        upsert(CongressSession,
            term=term1, kind=SessionKind.CONGRESS, number=number,
            defaults={"start_date": start, "end_date": start + timedelta(days=3)})
    meeting_day = date(2017, 2, 20)
    for number in range(1, 41):
        upsert(CongressSession,
            term=term1, kind=SessionKind.STANDING_COMMITTEE, number=number,
            defaults={"start_date": meeting_day, "end_date": meeting_day})
        meeting_day += timedelta(days=45)

    progress("Registry: deputies")
    communities = list(Community.objects.select_related("street"))
    deputy_rng = random.Random(rng.random())
    existing = set(Deputy.objects.values_list("code", flat=True))
    for number in range(1, 201):
        name = person_name(deputy_rng)
        community = communities[(number - 1) % len(communities)]
        gender = deputy_rng.choice([Gender.MALE, Gender.MALE, Gender.FEMALE])
        occupation = deputy_rng.choice(OCCUPATIONS)
        phone = f"13{deputy_rng.randint(100000000, 999999999)}"
        code = f"D1-{number:03d}"
        if code in existing:
            continue
        deputy = Deputy.objects.create(
            code=code, term=term1, name=name, gender=gender, occupation=occupation,
            street=community.street, community=community, is_committee_member=number % 8 == 1)
        DeputyPrivate.objects.create(deputy=deputy, phone=phone, address=f"{community.street}{community}")
        if number % 50 == 0:
            progress(f"  deputies: {number}/200")

    progress("Registry: demo logins")
    seed_logins()


def seed_logins() -> None:
    """One login per role (README lists them). Passwords are only for the demo."""
    from congress.services import user_assign_role

    User = get_user_model()
    admin, created = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True,
                                                                            "display_name": "系统管理员"})
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save(update_fields=["password"])

    def login(username: str, display: str, role: Role, organization=None):
        user, created = User.objects.get_or_create(username=username, defaults={"display_name": display})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user_assign_role(user=user, role=role, organization=organization)
        return user

    login("staff", "人大办工作人员", Role.STAFF)
    login("unit", "区教育局联络员", Role.UNIT_HANDLER, Organization.objects.get(name="区教育局"))
    login("unit2", "区水务局联络员", Role.UNIT_HANDLER, Organization.objects.get(name="区水务局"))
    login("organ", "区检察院联络员", Role.ORGAN_LIAISON, Organization.objects.get(name="区人民检察院"))
    login("station", "六和社区联络站工作人员", Role.STATION_STAFF)
    deputy_user = login("deputy", "代表（演示）", Role.DEPUTY)
    member_user = login("member", "常委会组成人员（演示）", Role.COMMITTEE_MEMBER)
    first = Deputy.objects.filter(code="D1-002").first()
    if first and first.user_id is None:
        Deputy.objects.filter(pk=first.pk).update(user=deputy_user)
    member = Deputy.objects.filter(code="D1-001").first()
    if member and member.user_id is None:
        Deputy.objects.filter(pk=member.pk).update(user=member_user)
        user_assign_role(user=member_user, role=Role.DEPUTY)
    seed_demo_second_factor()


def demo_totp_key() -> str:
    """The demo secret as django-otp stores it (hex)."""
    from base64 import b32decode

    return b32decode(DEMO_TOTP_SECRET).hex()


def seed_demo_second_factor() -> None:
    """The back-office demo logins get a confirmed authenticator with the fixed demo secret (once;
    an account that enrolled its own keeps it). Demo only."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    User = get_user_model()
    for user in User.objects.filter(username__in=DEMO_SECOND_FACTOR_LOGINS):
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="demo authenticator", key=demo_totp_key(), confirmed=True)


def demo_second_factor_notice() -> list[str]:
    """What `seed_demo` prints last: the demo secret and its otpauth:// URL, marked demo only."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = (TOTPDevice.objects.filter(key=demo_totp_key(), confirmed=True, user__username="staff")
              .select_related("user").first())
    if device is None:
        return []
    logins = ", ".join(TOTPDevice.objects.filter(key=demo_totp_key(), confirmed=True)
                       .order_by("user__username").values_list("user__username", flat=True))
    return [
        "DEMO ONLY — second factor of the back-office demo logins (" + logins + "):",
        f"  secret (base32, TOTP, SHA1, 6 digits, 30 s): {DEMO_TOTP_SECRET}",
        f"  otpauth URL (of `staff`): {device.config_url}",
        "  current code without a phone: python manage.py demo_totp staff",
    ]


def publish_demo_quarters(*, rng, progress) -> None:
    """The last demo step (order 90): publish 2019Q1–2020Q4, every app's part, once every app's
    demo data exists. Idempotent (a published quarter is left as it is)."""
    from congress.periods import Quarter
    from congress.services import quarter_publish

    quarter = Quarter(2019, 1)
    while quarter <= Quarter(2020, 4):
        publication = quarter_publish(quarter=quarter)
        progress(f"Published {publication}")
        quarter = quarter.next()
