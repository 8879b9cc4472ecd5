"""The liaison app's public data set (congress.opendata): the district's figures per year."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.registry import Column, DataSet
from liaison.views import YEAR_COLUMNS

MEANINGS = {
    "year": _("Calendar year."),
    "deputy_meetings": _("Confirmed meetings where deputies deliberated, held in the year."),
    "livelihood_meetings": _("Confirmed livelihood deliberation meetings held in the year."),
    "resolved": _("Livelihood issues resolved in the year, at any level."),
    "resolved_community": _("Of which resolved in the community."),
    "resolved_street": _("Of which resolved at street level."),
    "resolved_district": _("Of which resolved at district level."),
}


def links() -> dict:
    page = reverse("liaison:figures")
    return {"page": page, "download": page, "api": reverse("liaison-api:figures")}


def liaison_data_sets() -> list[DataSet]:
    return [DataSet(
        key="liaison-figures", order=40, title=_("Liaison stations: figures per year"),
        description=_("Meetings held and livelihood issues resolved in the district's stations, per year."),
        method=_("Public by nature: counted from the records. Confirmed meetings by the day they were held, resolved "
                 "issues by the day they were resolved and the level that resolved them; a meeting its station has not "
                 "confirmed, and an issue open or closed unresolved, do not count."),
        columns=tuple(Column(key, header, MEANINGS[key]) for key, header in YEAR_COLUMNS),
        links=links, published_when=_("A meeting counts once its station confirms it; an issue once resolved."))]
