"""The points part of the large benchmark district (congress.largedistrict): activities over ten
years, their participants and ledger entries, written by the database (INSERT … SELECT generate_series)."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType

from congress.largedistrict import Generation, pick
from congress.sql import column, table
from points.defaults import ensure_default_rules
from points.models import Activity, PointRule, PointRuleVersion

FIRST_DAY, DAYS = date(2016, 1, 1), 3653  # 2016-01-01 … 2025-12-31
PER_ACTIVITY = 100  # participants of one generated activity (consecutive deputies from a random one)


def generate_points(generation: Generation) -> None:
    entries = generation.size("ledger", 2_000_000)
    deputies = generation.ids["deputies"]
    ensure_default_rules(PointRule, PointRuleVersion)
    rules = [rule for rule in PointRule.objects.order_by("pk") if rule.versions.exists()]
    rule_ids = [rule.pk for rule in rules]
    # The value of each rule's first version: one value per rule over the ten years is enough here.
    values = [rule.versions.order_by("effective_from").first().points for rule in rules]
    activities = max(1, -(-entries // PER_ACTIVITY))
    params = {"rules": rule_ids, "values": values, "deputies": deputies, "first": FIRST_DAY}
    rule_index = pick("a", len(rules), 1)
    day = f"%(first)s::date + {pick('a', DAYS, 2)}::int"
    for first, last in generation.chunks("activities", activities):
        generation.execute(f"""
            INSERT INTO points_activity (rule_id, occurred_on, title, description, created_at)
            SELECT (%(rules)s::bigint[])[1 + {rule_index}], {day}, '生成的履职活动 ' || a, '', now()
            FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) a""", {**params, "lo": first - 1, "hi": last - 1})
    first_activity = Activity.objects.order_by("pk").values_list("pk", flat=True).first()
    source_type = ContentType.objects.get_for_model(Activity).pk
    n = len(deputies)
    # Row i belongs to activity a = (i - 1) / PER_ACTIVITY; its deputies are consecutive from a random
    # one, so (deputy, rule, source) stays unique as the ledger's constraint wants, and each activity
    # lists each of its deputies once, as the participants' table wants.
    rows = f"""
        SELECT %(a0)s + a AS activity_id, (%(deputies)s::bigint[])[1 + ({pick('a', n, 3)} + j) %% {n}] AS deputy_id,
               (%(rules)s::bigint[])[1 + {rule_index}] AS rule_id, {day} AS occurred_on,
               (%(values)s::int[])[1 + {rule_index}] AS points
        FROM (SELECT (i - 1) / {PER_ACTIVITY} AS a, (i - 1) %% {PER_ACTIVITY} AS j
              FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i) numbered"""
    participants = Activity.participants.through
    for first, last in generation.chunks("ledger entries", entries, 200_000):
        chunk = {**params, "lo": first, "hi": last, "ct": source_type, "a0": first_activity}
        generation.execute(f"""
            INSERT INTO points_ledgerentry (deputy_id, rule_id, occurred_on, points, kind, status, source_type_id,
                                            source_id, reason, created_at, decided_at)
            SELECT deputy_id, rule_id, occurred_on, points, 'award', 'verified', %(ct)s, activity_id, '', now(), now()
            FROM ({rows}) generated""", chunk)
        # The activity's page and the back office list who took part, as for an activity recorded by staff.
        generation.execute(f"""
            INSERT INTO {table(participants)} ({column(participants, "activity")}, {column(participants, "deputy")})
            SELECT activity_id, deputy_id FROM ({rows}) generated""", chunk)
    generation.say(f"  points: {activities:,} activities, {entries:,} ledger entries")
