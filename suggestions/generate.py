"""The suggestions part of the large benchmark district (congress.largedistrict): suggestions
over ten years, each assigned to a lead unit with a handling, most of them graded in both stages,
written by the database (INSERT … SELECT generate_series)."""

from __future__ import annotations

from congress.largedistrict import Generation, pick
from suggestions.models import Category, Suggestion
from suggestions.scoring import GRADE_POINTS, current_weights

FIRST_YEAR, YEARS = 2016, 10


def generate_suggestions(generation: Generation) -> None:
    total = generation.size("suggestions", 100_000)
    deputies, units = generation.ids["deputies"], generation.ids["units"]
    per_year = -(-total // YEARS)
    weights = current_weights()
    grades = list(GRADE_POINTS)
    params = {"deputies": deputies, "units": units, "categories": [c.value for c in Category],
              "grades": [str(g) for g in grades], "points": [GRADE_POINTS[g] for g in grades]}
    year = f"({FIRST_YEAR} + (i - 1) / {per_year})::int"
    for first, last in generation.chunks("suggestions", total, 50_000):
        generation.execute(f"""
            INSERT INTO suggestions_suggestion (number, year, title, content, category, state, created_at,
                submitted_on, registered_on, rejection_reason, is_published, published_at, publish_content,
                publish_replies, lead_deputy_id)
            SELECT y || '-' || lpad(((i - 1) %% {per_year} + 1)::text, 5, '0'), y,
                   '关于改进第' || i || '号民生事项的建议', '建议内容（生成）',
                   (%(categories)s::text[])[1 + {pick('i', 9, 1)}],
                   'assigned', make_date(y, 1, 1) + d, make_date(y, 1, 1) + d, make_date(y, 1, 1) + d + 5, '',
                   {pick('i', 10, 2)} <> 0, make_date(y, 1, 1) + d + 6, true, false,
                   (%(deputies)s::bigint[])[1 + {pick('i', len(deputies), 3)}]
            FROM (SELECT i, {year} AS y, {pick('i', 300, 4)}::int AS d
                  FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) i) rows""",
            {**params, "lo": first, "hi": last})
    ids = Suggestion.objects.order_by("pk").values_list("pk", flat=True)
    lo, hi = ids.first(), ids.last()
    for first, last in generation.chunks("assignments and handlings", hi - lo + 1, 50_000):
        bounds = {**params, "lo": lo + first - 1, "hi": lo + last - 1}
        generation.execute(f"""
            INSERT INTO suggestions_assignment (suggestion_id, organization_id, role, assigned_on, deadline)
            SELECT s.id, (%(units)s::bigint[])[1 + {pick('s.id', len(units), 5)}], 'lead',
                   s.registered_on + 2, s.registered_on + 92
            FROM suggestions_suggestion s WHERE s.id BETWEEN %(lo)s AND %(hi)s""", bounds)
        # Every handling of an earlier year is evaluated; a third of the last year's still waits.
        generation.execute(f"""
            INSERT INTO suggestions_handling (assignment_id, suggestion_id, organization_id, state, round, deadline,
                first_replied_on, reply_grade, reply_graded_on, implementation_grade, implementation_graded_on,
                final_score, final_level, evaluated_on)
            SELECT a.id, a.suggestion_id, a.organization_id,
                   CASE WHEN done THEN 'evaluated' ELSE 'awaiting_reply' END, 1, a.deadline,
                   CASE WHEN done THEN a.assigned_on + 60 END,
                   CASE WHEN done THEN (%(grades)s::text[])[r] ELSE '' END,
                   CASE WHEN done THEN a.assigned_on + 70 END,
                   CASE WHEN done THEN (%(grades)s::text[])[m] ELSE '' END,
                   CASE WHEN done THEN a.assigned_on + 200 END,
                   CASE WHEN done THEN score END,
                   CASE WHEN NOT done THEN '' WHEN score >= 80 THEN 'satisfied'
                        WHEN score >= 60 THEN 'basically_satisfied' ELSE 'unsatisfied' END,
                   CASE WHEN done THEN a.assigned_on + 200 END
            FROM (SELECT a.*, g.r, g.m, g.done,
                         ((%(points)s::int[])[g.r] * {weights.reply}
                          + (%(points)s::int[])[g.m] * {weights.implementation}) / 100.0 AS score
                  FROM suggestions_assignment a
                  JOIN suggestions_suggestion s ON s.id = a.suggestion_id
                  CROSS JOIN LATERAL (SELECT 1 + {pick('a.id', 5, 6)} AS r, 1 + {pick('a.id', 7, 7)} AS m,
                                             s.year < {FIRST_YEAR + YEARS - 1} OR {pick('a.id', 3, 8)} <> 0 AS done) g
                  WHERE a.suggestion_id BETWEEN %(lo)s AND %(hi)s) a""", bounds)
    generation.say(f"  suggestions: {total:,} suggestions with a lead unit's handling each")
