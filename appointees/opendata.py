"""The appointees app's public data set (congress.opendata): who reported on their duties."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from appointees import selectors
from appointees.views import REPORT_COLUMNS, RESULT_COLUMNS
from congress.registry import Column, DataSet

MEANINGS = {
    "name": _("The appointed official."),
    "position": _("Their position."),
    "organization": _("Their organization."),
    "submitted_on": _("The day their written duty report was submitted; empty if not yet."),
    "published": _("Whether the office has published the report."),
}
RESULT_MEANINGS = {
    "rank": _("Rank by satisfaction (1, 2, 2, 4: officials equal on every criterion share a rank)."),
    "name": _("The appointed official."),
    "position": _("Their position."),
    "organization": _("Their organization."),
    "satisfied": _("Members who rated the official satisfied."),
    "basically_satisfied": _("Members who rated the official basically satisfied."),
    "unsatisfied": _("Members who rated the official unsatisfied."),
    "total": _("Ratings the official received."),
    "satisfaction_rate": _("Satisfied and basically satisfied over all ratings (a fraction, 1 = 100 %)."),
}


def links() -> dict | None:
    years = selectors.report_years()
    if not years:
        return None
    page = f"{reverse('appointees:report-list')}?year={years[0]}"
    return {"page": page, "download": page, "api": f"{reverse('appointees-api:reports')}"}


def rating_links() -> dict | None:
    from appointees.models import RatingSession

    session = RatingSession.objects.closed().order_by("-year", "-pk").first()
    if session is None:
        return None
    page = reverse("appointees:rating-detail", args=[session.pk])
    return {"page": page, "download": page, "api": reverse("appointees-api:rating-results", args=[session.pk])}


def appointee_data_sets() -> list[DataSet]:
    return [DataSet(
        key="appointees-duty-reports", order=60, title=_("Appointed officials' duty reports"),
        description=_("The officials due to report on their duties in a year, and whether they did."),
        method=_("One row per official appointed by the standing committee who is due to report on the year. Who is "
                 "due and whether they submitted are public by nature; the report itself (its text, in the API and on "
                 "its page) only once the office publishes it."),
        columns=tuple(Column(key, header, MEANINGS[key]) for key, header in REPORT_COLUMNS),
        links=links, published_when=_("A report's text is public once the office publishes it.")),
    DataSet(
        key="appointees-rating-results", order=61, title=_("Satisfaction ratings of appointed officials"),
        description=_("How the standing committee's members rated each official at a rating session, in totals."),
        method=_("Totals per official of a closed secret rating session, as announced to the meeting: never a "
                 "member's rating sheet or who rated whom. A session at which fewer than three members handed in "
                 "(or the minimum the office set) is listed without totals: with so few sheets they would tell "
                 "how each member rated. The links are those of the latest closed session; every closed session "
                 "has the same page, downloads and API answer."),
        columns=tuple(Column(key, header, RESULT_MEANINGS[key]) for key, header in RESULT_COLUMNS),
        links=rating_links, published_when=_("A session's results are public once staff close it.")),
    ]
