"""The projects app's public data sets (congress.opendata): key projects per year and the
micro-projects."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.registry import Column, DataSet
from projects.views import MICRO_COLUMNS, RESULT_COLUMNS, YEAR_COLUMNS

YEAR_MEANINGS = {
    "year": _("The year of the ballot that elected the projects."),
    "elected": _("Key livelihood projects the congress elected for the year."),
    "completed": _("Of which completed."),
    "carried_over": _("Of which carried over to the next year."),
    "ongoing": _("Of which still under way."),
    "completion_rate": _("Completed over elected (a fraction, 1 = 100 %)."),
}
MICRO_MEANINGS = {
    "year": _("The year the micro-project was proposed."),
    "street": _("The street of its community."),
    "community": _("The community where it is carried out."),
    "title": _("What it is."),
    "proposer": _("Who proposed it (a deputy, or residents)."),
    "status": _("Where it stands."),
    "meeting_date": _("The day the residents' meeting voted on it."),
    "present": _("Residents' representatives present at the vote."),
    "votes_for": _("Votes for it."),
    "completed_on": _("The day it was completed."),
}
RESULT_MEANINGS = {
    "rank": _("Place in the result: most approvals first."),
    "title": _("The candidate project."),
    "lead_unit": _("Its lead unit."),
    "approvals": _("Deputies who approved it."),
    "oppositions": _("Deputies who opposed it."),
    "abstentions": _("Deputies who abstained."),
    "result": _("Elected or not: approved by more than half of the entitled deputies, within the seats."),
}


def year_links() -> dict:
    page = reverse("projects:index")
    return {"page": page, "download": f"{page}?table=years",
            "api": reverse("projects-api:statistics")}


def result_links() -> dict | None:
    from projects.models import Ballot, BallotStatus

    ballot = Ballot.objects.filter(status=BallotStatus.CLOSED).order_by("-year", "-pk").first()
    if ballot is None:
        return None
    page = reverse("projects:ballot", args=[ballot.pk])
    return {"page": page, "download": page, "api": reverse("projects-api:ballot", args=[ballot.pk])}


def micro_links() -> dict:
    page = reverse("projects:micro")
    return {"page": page, "download": page, "api": reverse("projects-api:micro-projects")}


def project_data_sets() -> list[DataSet]:
    return [
        DataSet(
            key="projects-key-by-year", order=70, title=_("Key livelihood projects per year"),
            description=_("How many key projects were elected each year and how many were completed."),
            method=_("Counts of the projects elected by the congress's ballots, by their status as reported by their "
                     "lead units and approved by the office."),
            columns=tuple(Column(key, header, YEAR_MEANINGS[key]) for key, header in YEAR_COLUMNS),
            links=year_links, published_when=_("A project counts once its ballot is closed and it is elected; the "
                                               "candidates of a ballot still open do not count.")),
        DataSet(
            key="projects-micro", order=71, title=_("Micro-projects"),
            description=_("The communities' micro-projects, their votes and their completion."),
            method=_("One row per micro-project its station has collected, newest first; the vote's figures once the "
                     "residents have voted."),
            columns=tuple(Column(key, header, MICRO_MEANINGS[key]) for key, header in MICRO_COLUMNS),
            links=micro_links, published_when=_("A micro-project is public once its station has collected it; a "
                                                "proposal not yet collected is not.")),
        DataSet(
            key="projects-ballot-results", order=72, title=_("Key project ballots: results"),
            description=_("How the deputies voted on each candidate project of a ballot, in totals."),
            method=_("Totals per candidate of a closed secret ballot, counted when staff close it: never a ballot "
                     "paper or who voted how (the papers carry no name). While a ballot is open no channel shows "
                     "a running count, only the turnout. The links are those of the latest closed ballot; every "
                     "closed ballot has the same page, downloads and API answer."),
            columns=tuple(Column(key, header, RESULT_MEANINGS[key]) for key, header in RESULT_COLUMNS),
            links=result_links, published_when=_("A ballot's result is public once staff close it.")),
    ]
