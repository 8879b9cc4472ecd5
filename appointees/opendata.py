"""The appointees app's public data set (congress.opendata): who reported on their duties."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from appointees import selectors
from appointees.views import REPORT_COLUMNS
from congress.registry import Column, DataSet

MEANINGS = {
    "name": _("The appointed official."),
    "position": _("Their position."),
    "organization": _("Their organization."),
    "submitted_on": _("The day their written duty report was submitted; empty if not yet."),
    "published": _("Whether the office has published the report."),
}


def links() -> dict | None:
    years = selectors.report_years()
    if not years:
        return None
    page = f"{reverse('appointees:report-list')}?year={years[0]}"
    return {"page": page, "download": page, "api": f"{reverse('appointees-api:reports')}"}


def appointee_data_sets() -> list[DataSet]:
    return [DataSet(
        key="appointees-duty-reports", order=60, title=_("Appointed officials' duty reports"),
        description=_("The officials due to report on their duties in a year, and whether they did."),
        method=_("One row per official appointed by the standing committee who is due to report on the year. Who is "
                 "due and whether they submitted are public by nature; the report itself (its text, in the API and on "
                 "its page) only once the office publishes it."),
        columns=tuple(Column(key, header, MEANINGS[key]) for key, header in REPORT_COLUMNS),
        links=links, published_when=_("A report's text is public once the office publishes it.")),
    ]
