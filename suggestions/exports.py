"""Staff exports: the statistics table, and the per-unit performance-assessment workbook (绩效考核)
with a summary sheet and a sheet of every handling. Text cells are formula-escaped."""

from __future__ import annotations

from django.utils.translation import gettext as _

from congress.downloads import Sheet, xlsx_workbook_bytes
from congress.labels import choice_labels
from suggestions.models import Assignment, Handling
from suggestions.scoring import Grade


def statistics_columns() -> list[tuple[str, str]]:
    columns = [
        ("rank", _("Rank")), ("unit", _("Unit")), ("handlings", _("Handlings")), ("evaluated", _("Evaluated")),
        ("mean_final", _("Mean final score")), ("satisfaction_rate", _("Satisfaction rate")),
        ("full_mark_replies", _("Full-mark replies")), ("full_mark_implementations", _("Full-mark implementations")),
        ("overdue_replies", _("Overdue replies")), ("under_follow_up", _("Under follow-up")),
    ]
    for stage, label in (("reply", _("Reply")), ("implementation", _("Implementation"))):
        columns += [(f"{stage}_{grade.value}", f"{label} {grade.value}") for grade in Grade]
    return columns


def _row(unit, name: str) -> dict:
    row = {"rank": unit.rank, "unit": name, "handlings": unit.handlings, "evaluated": unit.evaluated,
           "mean_final": unit.mean_final, "satisfaction_rate": unit.satisfaction_rate,
           "full_mark_replies": unit.full_mark_replies, "full_mark_implementations": unit.full_mark_implementations,
           "overdue_replies": unit.overdue_replies, "under_follow_up": unit.under_follow_up}
    for stage, counts in unit.distribution.items():
        row.update({f"{stage}_{grade}": count for grade, count in counts.items()})
    return row


def statistics_rows(stats) -> list[dict]:
    return [_row(unit, unit.unit_name) for unit in stats.units] + [_row(stats.district, _("District total"))]


HANDLING_COLUMNS = [
    ("unit", "承办单位"), ("number", "建议编号"), ("title", "建议标题"), ("lead_deputy", "领衔代表"),
    ("role", "办理方式"), ("deadline", "答复期限"), ("first_replied_on", "答复日期"), ("round", "办理轮次"),
    ("reply_grade", "答复评价"), ("implementation_grade", "落实评价"), ("final_score", "综合得分"),
    ("final_level", "综合评价等级"), ("state", "状态"),
]


def performance_workbook(stats, *, handlings) -> bytes:
    """One workbook for the annual performance assessment: units' figures and every handling."""
    summary = Sheet(f"{stats.year} 单位汇总", statistics_columns(), statistics_rows(stats))
    detail = Sheet(f"{stats.year} 办理明细", HANDLING_COLUMNS, _handling_rows(handlings))
    return xlsx_workbook_bytes([summary, detail])


def _handling_rows(handlings) -> list[dict]:
    # Rows, not records: a year is some 10,000 handlings, and four related records each would be
    # built only to read a column of each.
    roles = choice_labels(Assignment._meta.get_field("role"))
    levels = choice_labels(Handling._meta.get_field("final_level"))
    states = choice_labels(Handling._meta.get_field("state"))
    rows = (handlings.order_by("organization__order", "organization__name", "suggestion__number")
            .values("organization__name", "suggestion__number", "suggestion__title", "suggestion__lead_deputy__name",
                    "assignment__role", "deadline", "first_replied_on", "round", "reply_grade",
                    "implementation_grade", "final_score", "final_level", "state"))
    return [{
        "unit": h["organization__name"], "number": h["suggestion__number"], "title": h["suggestion__title"],
        "lead_deputy": h["suggestion__lead_deputy__name"],
        "role": roles.get(h["assignment__role"], h["assignment__role"]),
        "deadline": h["deadline"], "first_replied_on": h["first_replied_on"], "round": h["round"],
        "reply_grade": h["reply_grade"], "implementation_grade": h["implementation_grade"],
        "final_score": h["final_score"], "final_level": levels.get(h["final_level"], h["final_level"]),
        "state": states.get(h["state"], h["state"]),
    } for h in rows]
