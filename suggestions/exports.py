"""Staff exports: the statistics table, and the per-unit performance-assessment workbook (绩效考核)
with a summary sheet and a sheet of every handling. Text cells are formula-escaped."""

from __future__ import annotations

import tablib
from django.utils.translation import gettext as _

from congress.downloads import _plain, escape_cell
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


def _sheet(title: str, columns, rows) -> tablib.Dataset:
    data = tablib.Dataset(headers=[str(h) for _k, h in columns], title=title[:31])
    for row in rows:
        data.append([escape_cell(_plain(row.get(key))) for key, _h in columns])
    return data


HANDLING_COLUMNS = [
    ("unit", "承办单位"), ("number", "建议编号"), ("title", "建议标题"), ("lead_deputy", "领衔代表"),
    ("role", "办理方式"), ("deadline", "答复期限"), ("first_replied_on", "答复日期"), ("round", "办理轮次"),
    ("reply_grade", "答复评价"), ("implementation_grade", "落实评价"), ("final_score", "综合得分"),
    ("final_level", "综合评价等级"), ("state", "状态"),
]


def performance_workbook(stats, *, handlings) -> bytes:
    """One workbook for the annual performance assessment: units' figures and every handling."""
    summary = _sheet(f"{stats.year} 单位汇总", statistics_columns(), statistics_rows(stats))
    detail_rows = [{
        "unit": h.organization.name, "number": h.suggestion.number, "title": h.suggestion.title,
        "lead_deputy": h.suggestion.lead_deputy.name, "role": h.assignment.get_role_display(),
        "deadline": h.deadline, "first_replied_on": h.first_replied_on, "round": h.round,
        "reply_grade": h.reply_grade, "implementation_grade": h.implementation_grade, "final_score": h.final_score,
        "final_level": h.get_final_level_display(), "state": h.get_state_display(),
    } for h in handlings.order_by("organization__order", "organization__name", "suggestion__number")]
    detail = _sheet(f"{stats.year} 办理明细", HANDLING_COLUMNS, detail_rows)
    return tablib.Databook([summary, detail]).export("xlsx")
