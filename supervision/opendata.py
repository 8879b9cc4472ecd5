"""The supervision app's public data set (congress.opendata): clues received by source."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.registry import Column, DataSet
from supervision.views import SOURCE_COLUMNS

MEANINGS = {
    "source": _("Where the clues came from (the last row is the total)."),
    "total": _("Clues received; a count below the disclosure threshold is not shown."),
    "public_interest": _("Of which concerning public-interest litigation; small counts not shown."),
}


def links() -> dict:
    return {"page": reverse("supervision:statistics"),
            "download": reverse("supervision:table", kwargs={"name": "sources"}),
            "api": reverse("supervision-api:statistics")}


def supervision_data_sets() -> list[DataSet]:
    return [DataSet(
        key="supervision-sources", order=50, title=_("Supervision clues by source"),
        description=_("How many clues the joint supervision mechanism received, by source."),
        method=_("Public by nature, as aggregates only: counts of received clues by source (dismissed ones too: they "
                 "were received), never a clue, a reporter or a case. A count below the threshold is shown as “<N”, "
                 "and a cell that would reveal one is withheld, so that no reporter can be identified."),
        columns=tuple(Column(key, header, MEANINGS[key]) for key, header in SOURCE_COLUMNS),
        links=links, published_when=_("A clue counts once the office has received it.")),
    ]
