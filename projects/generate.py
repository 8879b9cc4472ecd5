"""The projects part of the large benchmark district (congress.largedistrict): ten years of
candidate key projects, each year's closed ballot with its counted candidacies and the receipts of
who voted (never how), and the supervision groups of the elected projects, in bulk SQL."""

from __future__ import annotations

from congress.largedistrict import Generation, pick

FIRST_YEAR, YEARS, SEATS = 2016, 10, 10


def generate_projects(generation: Generation) -> None:
    total = generation.size("projects", 1_000)
    per_year = max(-(-total // YEARS), SEATS)
    units, deputies = generation.ids["units"], generation.ids["deputies"]
    # About nine in ten deputies vote in each year's ballot.
    voters = len(deputies) - len(deputies) // 10
    generation.execute(f"""
        INSERT INTO projects_keyproject (year, title, description, lead_unit_id, budget, planned_start, planned_end,
                                         multi_year, status, completed_on, carried_over_reason, "order")
        SELECT y, y || '年民生实事候选项目' || n, '项目说明（生成）',
               (%(units)s::bigint[])[1 + {pick('i', len(units), 21)}], 100000 + {pick('i', 9_900_000, 22)},
               make_date(y, 3, 1), make_date(y, 12, 31), false, 'candidate', NULL, '', n
        FROM (SELECT i, {FIRST_YEAR} + (i - 1) / {per_year} AS y, (i - 1) %% {per_year} + 1 AS n
              FROM generate_series(1, %(total)s) i) rows""", {"units": units, "total": total})
    generation.execute(f"""
        INSERT INTO projects_ballot (year, term_id, seats, status, entitled_count, opened_at, closed_at)
        SELECT y, (SELECT max(id) FROM congress_term), {SEATS}, 'closed', {len(deputies)},
               make_date(y, 1, 15) + TIME '09:00', make_date(y, 1, 15) + TIME '11:00'
        FROM generate_series({FIRST_YEAR}, {FIRST_YEAR + YEARS - 1}) y
        WHERE EXISTS (SELECT 1 FROM projects_keyproject p WHERE p.year = y)""")
    generation.execute(f"""
        INSERT INTO projects_ballotreceipt (ballot_id, deputy_id)
        SELECT b.id, d.id FROM projects_ballot b
        JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM congress_deputy) d
          ON (d.n + b.year) %% {len(deputies)} < {voters}""")
    # Every voter marks every candidate: approvals + oppositions + abstentions = voters.
    generation.execute(f"""
        INSERT INTO projects_candidacy (ballot_id, project_id, "order", approvals, oppositions, abstentions, result)
        SELECT b.id, p.id, p."order", a.approvals, a.oppositions, {voters} - a.approvals - a.oppositions, 'pending'
        FROM projects_keyproject p JOIN projects_ballot b ON b.year = p.year
        CROSS JOIN LATERAL (SELECT {voters // 3} + {pick('p.id', voters // 2, 23)} AS approvals) x
        CROSS JOIN LATERAL (SELECT x.approvals,
                                   {pick('p.id', 1000, 24)} * ({voters} - x.approvals) / 2000 AS oppositions) a""")
    generation.execute(f"""
        UPDATE projects_candidacy c SET result = CASE WHEN r.rank <= {SEATS} THEN 'elected' ELSE 'not_elected' END
        FROM (SELECT id, row_number() OVER (PARTITION BY ballot_id ORDER BY approvals DESC, id) AS rank
              FROM projects_candidacy) r
        WHERE r.id = c.id""")
    last = FIRST_YEAR + YEARS - 1
    generation.execute(f"""
        UPDATE projects_keyproject p SET
            status = CASE WHEN c.result = 'not_elected' THEN 'not_elected'
                          WHEN p.year < {last} THEN 'completed' ELSE 'in_progress' END,
            completed_on = CASE WHEN c.result = 'elected' AND p.year < {last} THEN make_date(p.year, 12, 20) END
        FROM projects_candidacy c WHERE c.project_id = p.id""")
    # Five deputies supervise each elected project, the first of them leading the group.
    generation.execute(f"""
        INSERT INTO projects_supervisionmembership (project_id, deputy_id, is_leader)
        SELECT DISTINCT ON (p.id, d) p.id, d, k = 0
        FROM projects_keyproject p
        CROSS JOIN generate_series(0, 4) k
        CROSS JOIN LATERAL (SELECT (%(deputies)s::bigint[])[1 + ({pick('p.id', len(deputies), 25)} + k * 37)
                                   %% {len(deputies)}] AS d) m
        WHERE p.status <> 'not_elected'
        ORDER BY p.id, d, k""", {"deputies": deputies})
    generation.say(f"  projects: {total:,} candidate projects, {YEARS} ballots of {voters:,} voters each")
