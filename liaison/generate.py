"""The liaison part of the large benchmark district (congress.largedistrict): a station in every
community and a central station in every street, each deputy stationed where they live, confirmed
meetings over ten years with their attendances and topics, and the livelihood issues raised at
those topics, written by the database (INSERT … SELECT generate_series)."""

from __future__ import annotations

from congress.largedistrict import Generation, pick
from liaison.models import IssueLevel, IssueStatus

FIRST_DAY, DAYS = "2016-01-01", 3650


def generate_liaison(generation: Generation) -> None:
    meetings, issues = generation.size("meetings", 5_000), generation.size("issues", 50_000)
    generation.execute("""
        INSERT INTO liaison_station (kind, name, street_id, community_id, address, opening_hours, is_active, "order")
        SELECT 'community', c.name || '代表联络站', c.street_id, c.id, c.name || '党群服务中心',
               '工作日 9:00–17:00', true, row_number() OVER (ORDER BY c.id)
        FROM congress_community c
        UNION ALL
        SELECT 'central', s.name || '中心联络站', s.id, NULL, s.name || '办事处', '工作日 9:00–17:00', true,
               1000 + row_number() OVER (ORDER BY s.id)
        FROM congress_street s""")
    generation.execute("""
        INSERT INTO liaison_stationeddeputy (station_id, deputy_id, start_date, end_date)
        SELECT st.id, d.id, DATE '2016-01-01', NULL
        FROM congress_deputy d JOIN liaison_station st ON st.community_id = d.community_id""")
    stations = generation.execute("SELECT 1 FROM liaison_station")
    generation.execute("CREATE TEMP TABLE gen_station AS "
                       "SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM liaison_station")

    # Meeting i is at station i mod S on its own day, so (station, kind, day) never repeats.
    for first, last in generation.chunks("meetings", meetings, 20_000):
        generation.execute(f"""
            INSERT INTO liaison_meeting (kind, station_id, held_on, title, venue, minutes, residents_present,
                                         status, created_at, confirmed_at)
            SELECT CASE WHEN {pick('i', 3, 11)} = 0 THEN 'livelihood_deliberation' ELSE 'deputy_deliberation' END,
                   st.id, day, '第' || i || '次议事会', '联络站会议室', '会议纪要（生成）',
                   5 + {pick('i', 40, 12)}, 'confirmed', day + TIME '18:00', day + TIME '20:00'
            FROM (SELECT i, DATE %(first_day)s + ((i / %(stations)s) * %(step)s + {pick('i', 7, 13)})::int AS day
                  FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i) m
            JOIN gen_station st ON st.n = m.i %% %(stations)s""",
            {"lo": first, "hi": last, "first_day": FIRST_DAY, "stations": stations,
             "step": max(DAYS * stations // max(meetings, 1), 8)})
    # Three to five deputies attend each meeting, its first one leads its topic.
    generation.execute(f"""
        INSERT INTO liaison_attendance (meeting_id, deputy_id, created_at, withdrawal_reason)
        SELECT DISTINCT ON (m.id, d.deputy_id) m.id, d.deputy_id, m.created_at, ''
        FROM liaison_meeting m
        CROSS JOIN generate_series(0, 2 + {pick('m.id', 3, 14)}) k
        JOIN LATERAL (SELECT deputy_id FROM liaison_stationeddeputy sd
                      WHERE sd.station_id = m.station_id
                      ORDER BY sd.id OFFSET k LIMIT 1) d ON true""")
    generation.execute(f"""
        INSERT INTO liaison_attendance (meeting_id, deputy_id, created_at, withdrawal_reason)
        SELECT m.id, (%(deputies)s::bigint[])[1 + {pick('m.id', len(generation.ids['deputies']), 15)}],
               m.created_at, ''
        FROM liaison_meeting m
        WHERE NOT EXISTS (SELECT 1 FROM liaison_attendance a WHERE a.meeting_id = m.id)""",
        {"deputies": generation.ids["deputies"]})
    generation.execute("""
        INSERT INTO liaison_topic (meeting_id, title, description, lead_deputy_id, outcome, "order", created_at,
                                   withdrawal_reason)
        SELECT m.id, m.title || '议题', '议题说明（生成）', a.deputy_id, '已形成处理意见', 1, m.created_at, ''
        FROM liaison_meeting m
        JOIN LATERAL (SELECT deputy_id FROM liaison_attendance a WHERE a.meeting_id = m.id
                      ORDER BY a.id LIMIT 1) a ON true""")
    generation.execute("CREATE TEMP TABLE gen_topic AS SELECT row_number() OVER (ORDER BY t.id) - 1 AS n, "
                       "t.id, t.lead_deputy_id, m.station_id, m.held_on FROM liaison_topic t "
                       "JOIN liaison_meeting m ON m.id = t.meeting_id")
    topics = generation.execute("SELECT 1 FROM gen_topic")
    statuses = [IssueStatus.RESOLVED, IssueStatus.RESOLVED, IssueStatus.RESOLVED, IssueStatus.IN_PROGRESS,
                IssueStatus.OPEN, IssueStatus.CLOSED]
    levels = [IssueLevel.COMMUNITY, IssueLevel.COMMUNITY, IssueLevel.STREET, IssueLevel.DISTRICT]
    for first, last in generation.chunks("livelihood issues", issues, 50_000):
        generation.execute(f"""
            INSERT INTO liaison_livelihoodissue (station_id, origin, topic_id, title, description, reporter_name,
                reporter_contact, public_title, raised_on, level, following_deputy_id, status, resolved_on,
                resolution_note, closed_on, closed_reason, created_at)
            SELECT t.station_id, 'topic', t.id, '第' || i || '号民生问题', '问题描述（生成）', '', '',
                   '第' || i || '号民生问题', t.held_on, (%(levels)s::text[])[1 + {pick('i', len(levels), 16)}],
                   t.lead_deputy_id, s.status,
                   CASE WHEN s.status = 'resolved' THEN t.held_on + 30 END,
                   CASE WHEN s.status = 'resolved' THEN '已解决' ELSE '' END,
                   CASE WHEN s.status = 'closed' THEN t.held_on + 60 END,
                   CASE WHEN s.status = 'closed' THEN '条件不具备，暂缓' ELSE '' END,
                   t.held_on + TIME '20:00'
            FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i
            JOIN gen_topic t ON t.n = i %% %(topics)s
            CROSS JOIN LATERAL (SELECT (%(statuses)s::text[])[1 + {pick('i', len(statuses), 17)}] AS status) s""",
            {"lo": first, "hi": last, "topics": max(topics, 1), "levels": [str(v) for v in levels],
             "statuses": [str(v) for v in statuses]})
    generation.execute("DROP TABLE gen_station; DROP TABLE gen_topic")
    generation.say(f"  liaison: {stations} stations, {meetings:,} meetings, {topics:,} topics, {issues:,} issues")
