"""The suggestions API says the same of a suggestion in its list as on its own page: the list
renders a page of `.values()` rows with their handlings read in one query
(selectors.handling_summaries), the page a suggestion with its prefetched handlings."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from congress.tests.factories import (
    CongressSessionFactory,
    DeputyFactory,
    OrganizationFactory,
    deputy_user,
    staff_user,
    unit_user,
)
from suggestions import services
from suggestions.models import AssignmentRole, Suggestion
from suggestions.tests.factories import SuggestionFactory, handling, registered_suggestion, submitted_suggestion

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    lead, other = DeputyFactory(), DeputyFactory()
    roads, water = OrganizationFactory(name="区交通运输局"), OrganizationFactory(name="区水务局")
    evaluated = handling(organization=roads, stage="evaluated", reply="A+", implementation="A",
                         deadline=date(2020, 6, 1), lead_deputy=lead)
    two_units = registered_suggestion(lead_deputy=lead)
    services.suggestion_assign(suggestion=two_units, units=[(water, AssignmentRole.SEPARATE),
                                                            (roads, AssignmentRole.SEPARATE)],
                               assigned_by=staff_user(), on=date(2020, 3, 2), deadline=date(2020, 5, 1))
    cosigned = submitted_suggestion(lead_deputy=other)
    services.suggestion_cosign(suggestion=cosigned, deputy=lead, signed_by=deputy_user(lead))
    session = CongressSessionFactory()
    draft = SuggestionFactory(lead_deputy=lead, session=session)
    foreign = submitted_suggestion(lead_deputy=other)
    return {"lead": lead, "roads": roads, "evaluated": evaluated.suggestion, "two_units": two_units,
            "cosigned": cosigned, "draft": draft, "foreign": foreign}


def _listed(api) -> dict[int, dict]:
    return {row["id"]: row for row in api.get("/api/v1/suggestions/suggestions/").json()["results"]}


@pytest.mark.parametrize("who", ["deputy", "unit", "staff"])
def test_a_suggestion_reads_the_same_in_the_list_and_on_its_page(district, who):
    login = {"deputy": lambda: deputy_user(district["lead"]), "unit": lambda: unit_user(district["roads"]),
             "staff": staff_user}[who]()
    api = APIClient()
    api.force_authenticate(login)
    listed = _listed(api)
    expected = {"deputy": {"evaluated", "two_units", "cosigned", "draft"}, "unit": {"evaluated", "two_units"},
                "staff": {"evaluated", "two_units", "cosigned", "draft", "foreign"}}[who]
    assert set(listed) == {district[name].pk for name in expected}
    for pk, row in listed.items():
        assert api.get(f"/api/v1/suggestions/suggestions/{pk}/").json() == row


def test_the_list_names_each_handling_its_unit_deadline_and_score(district):
    api = APIClient()
    api.force_authenticate(deputy_user(district["lead"]))
    listed = _listed(api)
    evaluated = listed[district["evaluated"].pk]
    assert [(h["unit"], h["deadline"], h["state"]) for h in evaluated["handlings"]] == [
        ("区交通运输局", "2020-06-01", "evaluated")]
    assert evaluated["handlings"][0]["final_score"] == str(district["evaluated"].handlings.get().final_score)
    assert evaluated["lead_deputy"] == district["lead"].name
    two_units = listed[district["two_units"].pk]
    assert [(h["unit"], h["deadline"], h["final_score"]) for h in two_units["handlings"]] == [
        ("区水务局", "2020-05-01", None), ("区交通运输局", "2020-05-01", None)]
    draft = listed[district["draft"].pk]
    assert (draft["state"], draft["handlings"], draft["submitted_on"]) == ("draft", [], None)
    assert draft["session_id"] == district["draft"].session_id
    assert listed[district["cosigned"].pk]["submitted_on"] == "2020-03-01"


def test_a_filter_narrows_the_list_and_other_parameters_do_not(district):
    api = APIClient()
    api.force_authenticate(staff_user())
    assert set(_listed(api)) == set(Suggestion.objects.values_list("pk", flat=True))
    drafts = api.get("/api/v1/suggestions/suggestions/", {"state": "draft"}).json()["results"]
    assert [row["id"] for row in drafts] == [district["draft"].pk]
    ignored = api.get("/api/v1/suggestions/suggestions/", {"format": "json", "unknown": "x"}).json()["results"]
    assert len(ignored) == Suggestion.objects.count()
    refused = api.get("/api/v1/suggestions/suggestions/", {"state": "no-such-state"})
    assert refused.status_code == 400 and "state" in refused.json()
