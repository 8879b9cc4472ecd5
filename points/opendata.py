"""The points app's public data set (congress.opendata), part of the quarterly publication."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.models import Publication
from congress.registry import Column, DataSet
from points import selectors
from points.views import RANKING_COLUMNS

MEANINGS = {
    "quarter_rank": _("Standard competition rank by points in the quarter (1, 2, 2, 4)."),
    "deputy_code": _("The deputy's number in the register."),
    "deputy_name": _("The deputy's name."),
    "street_name": _("The street delegation the deputy was elected in."),
    "community_name": _("The deputy's community."),
    "quarter_points": _("Verified duty points of activities in the quarter."),
    "year_rank": _("Rank by points from 1 January to the end of the quarter."),
    "year_points": _("Verified duty points from 1 January to the end of the quarter."),
}


def revision_rows(publication: Publication) -> list[dict]:
    return list(selectors.published_ranking(publication=publication).values(*(key for key, _h in RANKING_COLUMNS)))


def links() -> dict | None:
    quarters = selectors.published_quarters()
    publication = quarters.first()
    if publication is None:
        return None
    page = f"{reverse('points:ranking')}?quarter={publication.quarter}"
    return {"page": page, "download": page,
            "api": reverse("points-api:ranking", kwargs={"quarter": publication.quarter})}


def points_data_set() -> DataSet:
    return DataSet(
        key="points-ranking", order=20, title=_("Deputies' duty points and ranks"),
        description=_("Every deputy's points for a quarter and for the year to date, with their ranks."),
        method=_("Sum of the verified ledger entries (points of the rule version in force on the activity's "
                 "date) dated in the quarter, or from 1 January, as of the quarter's last day; reversed "
                 "entries count negative. Frozen when the quarter is published."),
        columns=tuple(Column(key, header, MEANINGS[key]) for key, header in RANKING_COLUMNS),
        links=links, revision_rows=revision_rows, part="points_district")
