"""The suggestions app's public data sets (congress.opendata): the unit ranking (part of the
quarterly publication) and the published suggestions (published one by one by the office)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.models import Publication
from congress.registry import Column, DataSet
from suggestions import selectors
from suggestions.views import PUBLIC_COLUMNS, RANKING_COLUMNS

RANKING_MEANINGS = {
    "rank": _("Standard competition rank by mean final score; empty below the minimum of evaluated handlings."),
    "unit": _("The handling unit, as named when the revision was published."),
    "handlings": _("Suggestions the unit handled in the year (lead or joint)."),
    "evaluated": _("Handlings the deputies have graded."),
    "mean_final": _("Mean final score of the graded handlings (reply and implementation, weighted)."),
    "satisfaction_rate": _("Share of graded handlings graded satisfied or basically satisfied "
                           "(a fraction, 1 = 100 %)."),
    "full_mark_replies": _("Replies that earned full marks."),
    "full_mark_implementations": _("Implementation reports that earned full marks."),
    "overdue_replies": _("Replies given after their deadline or still missing."),
}
PUBLIC_MEANINGS = {
    "number": _("The suggestion's number in its session."),
    "year": _("The year it was filed."),
    "title": _("Its title."),
    "category": _("Its category."),
    "lead_deputy": _("The deputy who filed it."),
    "units": _("The units that handle it, lead unit first."),
    "final_scores": _("The final score of each graded handling."),
}


def ranking_revision_rows(publication: Publication) -> list[dict]:
    from suggestions.api import ranking_rows

    return ranking_rows(selectors.published_ranking_rows(publication=publication))


def ranking_links() -> dict | None:
    years = selectors.published_years()
    if not years:
        return None
    page = f"{reverse('suggestions:ranking')}?year={years[0]}"
    return {"page": page, "download": page, "api": f"{reverse('suggestions-api:ranking')}?year={years[0]}"}


def list_links() -> dict | None:
    page = reverse("suggestions:list")
    return {"page": page, "download": page, "api": reverse("suggestions-api:published-list")}


def suggestion_data_sets() -> list[DataSet]:
    return [
        DataSet(
            key="suggestions-unit-ranking", order=30, title=_("Units' suggestion handling scores"),
            description=_("Each handling unit's scores for the year up to the end of a published quarter."),
            method=_("Each graded handling's final score combines the deputies' grades of the reply and of the "
                     "implementation with the published weights; a unit's mean is over its graded handlings of "
                     "the year as of the quarter's last day. Frozen when the quarter is published."),
            columns=tuple(Column(key, header, RANKING_MEANINGS[key]) for key, header in RANKING_COLUMNS),
            links=ranking_links, revision_rows=ranking_revision_rows,
            part="suggestion_district_score"),
        DataSet(
            key="suggestions", order=31, title=_("Published suggestions"),
            description=_("The deputies' suggestions the office has published, with their units and scores."),
            method=_("One row per published suggestion, as it stands now; a handling's final score appears "
                     "once the deputies have graded it."),
            columns=tuple(Column(key, header, PUBLIC_MEANINGS[key]) for key, header in PUBLIC_COLUMNS),
            links=list_links, published_when=_("A suggestion appears once the office publishes it.")),
    ]


