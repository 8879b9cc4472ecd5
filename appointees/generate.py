"""The appointees part of the large benchmark district (congress.largedistrict): the officials the
standing committee appointed, one rating session a year at a standing committee meeting, and the
ratings of its members — counters per official and who rated (never what anyone chose), so that
the number of individual ratings is officials × members × years — in bulk SQL."""

from __future__ import annotations

from congress.largedistrict import Generation, pick

FIRST_YEAR, YEARS, OFFICIALS = 2016, 10, 40


def generate_appointees(generation: Generation) -> None:
    ratings = generation.size("ratings", 20_000)
    units = generation.ids["units"]
    members = max(ratings // (YEARS * OFFICIALS), 1)
    categories = ["department_head"] * 6 + ["deputy_district_head", "court_vice_president",
                                            "deputy_procurator_general", "supervision_deputy_director"]
    generation.execute(f"""
        INSERT INTO appointees_appointee (code, name, position, organization_id, category, mode, body, took_office)
        SELECT 'GA-' || lpad(i::text, 4, '0'), '任命人员' || i, '局长',
               (%(units)s::bigint[])[1 + (i - 1) %% {len(units)}],
               (%(categories)s::text[])[1 + {pick('i', len(categories), 31)}],
               'appointed', 'standing_committee', DATE '2015-06-01'
        FROM generate_series(1, {OFFICIALS * 2}) i""", {"units": units, "categories": categories})
    generation.execute(f"""
        INSERT INTO congress_congresssession (term_id, kind, number, start_date, end_date)
        SELECT (SELECT max(id) FROM congress_term), 'standing_committee', 100 + y - {FIRST_YEAR},
               make_date(y, 11, 20), make_date(y, 11, 20)
        FROM generate_series({FIRST_YEAR}, {FIRST_YEAR + YEARS - 1}) y""")
    generation.execute(f"""
        INSERT INTO appointees_ratingsession (title, year, meeting_id, status, created_at, opened_at, closed_at)
        SELECT s.start_date || ' 任命人员满意度测评', extract(year FROM s.start_date)::int, s.id, 'closed',
               s.start_date + TIME '08:00', s.start_date + TIME '09:00', s.start_date + TIME '10:00'
        FROM congress_congresssession s
        WHERE s.kind = 'standing_committee' AND s.number BETWEEN 100 AND {100 + YEARS - 1}
          AND s.term_id = (SELECT max(id) FROM congress_term)""")
    generation.execute(f"""
        INSERT INTO appointees_ratingmember (session_id, deputy_id)
        SELECT r.id, d.id FROM appointees_ratingsession r
        JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM congress_deputy) d
          ON (d.n + r.year * 7) %% (SELECT count(*) FROM congress_deputy) < {members}""")
    generation.execute("""
        INSERT INTO appointees_ballot (session_id, deputy_id, submitted_at)
        SELECT m.session_id, m.deputy_id, r.opened_at + interval '20 minutes'
        FROM appointees_ratingmember m JOIN appointees_ratingsession r ON r.id = m.session_id""")
    generation.execute(f"""
        INSERT INTO appointees_ratingofficial (session_id, appointee_id, "order", satisfied, basically_satisfied,
                                               unsatisfied)
        SELECT r.id, a.id, a.n, t.satisfied, t.basically, {members} - t.satisfied - t.basically
        FROM appointees_ratingsession r
        JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM appointees_appointee) a
          ON (a.n + r.year) %% {OFFICIALS * 2} < {OFFICIALS}
        CROSS JOIN LATERAL (SELECT {members} * (60 + {pick('a.id * 31 + r.id', 40, 32)}) / 100 AS satisfied) s
        CROSS JOIN LATERAL (SELECT s.satisfied,
                                   ({members} - s.satisfied) * {pick('a.id + r.id', 100, 33)} / 100 AS basically) t""")
    generation.say(f"  appointees: {OFFICIALS * 2} officials, {YEARS} rating sessions of {members} members rating "
                   f"{OFFICIALS} officials ({YEARS * OFFICIALS * members:,} ratings)")
