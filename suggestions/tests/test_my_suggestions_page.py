"""A deputy's "my suggestions" page: each suggestion they lead or co-signed, newest first, with its
number, state and a link to it, and under "Handlings" each unit handling it with that handling's
state, linking to the handling; what awaits their grade is listed above with its unit."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from congress.roles import Role
from congress.tests.factories import DeputyFactory, OrganizationFactory, UserFactory, deputy_user, staff_user, unit_user
from suggestions.models import Cosignature
from suggestions.tests.factories import SuggestionFactory, handling, submitted_suggestion

pytestmark = pytest.mark.django_db


def test_each_suggestion_lists_its_handlings_with_their_units_and_states(client):
    graded = handling(stage="reply_submitted", organization=OrganizationFactory(name="区住建局"))
    deputy = graded.suggestion.lead_deputy
    second = handling(organization=OrganizationFactory(name="区教育局"), lead_deputy=deputy)
    draft = SuggestionFactory(lead_deputy=deputy, title="一份草稿")
    client.force_login(deputy_user(deputy))
    html = client.get(reverse("suggestions:mine")).content.decode()
    for h, unit in [(graded, "区住建局"), (second, "区教育局")]:
        link = reverse("suggestions:handling-detail", args=[h.pk])
        assert re.search(rf'<a href="{link}">{unit}: {h.get_state_display()}</a>', html)
        assert f'href="{reverse("suggestions:manage", args=[h.suggestion.pk])}"' in html
    assert f'href="{reverse("suggestions:manage", args=[draft.pk])}">一份草稿</a>' in html
    awaiting = html.split("<h2>", 2)[1]
    assert "区住建局" in awaiting and graded.suggestion.title in awaiting and "区教育局" not in awaiting


def test_a_co_signed_suggestion_is_listed_and_no_one_elses(client):
    deputy = DeputyFactory()
    cosigned = SuggestionFactory(title="联名的建议")
    Cosignature.objects.create(suggestion=cosigned, deputy=deputy)
    SuggestionFactory(title="别人的建议")
    client.force_login(deputy_user(deputy))
    html = client.get(reverse("suggestions:mine")).content.decode()
    assert "联名的建议" in html and "别人的建议" not in html


@pytest.mark.parametrize("page", ["suggestions:mine", "suggestions:cosign-list"])
def test_only_a_login_linked_to_a_deputy_is_offered_a_deputy_s_buttons(client, page):
    open_one = submitted_suggestion()
    button = {"suggestions:mine": f'href="{reverse("suggestions:new")}"',
              "suggestions:cosign-list": f'action="{reverse("suggestions:cosign", args=[open_one.pk])}"'}[page]
    client.force_login(deputy_user(DeputyFactory()))
    assert button in client.get(reverse(page)).content.decode()
    client.force_login(UserFactory(role=Role.DEPUTY))  # the deputy role, but no deputy linked to the login
    assert button not in client.get(reverse(page)).content.decode()
    client.force_login(unit_user(OrganizationFactory()))
    assert button not in client.get(reverse(page)).content.decode()
    client.force_login(staff_user())  # staff see the open suggestions, but co-sign none themselves
    html = client.get(reverse(page)).content.decode()
    assert button not in html
    if page == "suggestions:cosign-list":
        assert open_one.title in html


def test_states_are_named_in_the_reader_s_language(client):
    graded = handling(stage="reply_submitted", organization=OrganizationFactory(name="区住建局"))
    client.force_login(deputy_user(graded.suggestion.lead_deputy))
    chinese = client.get(reverse("suggestions:mine")).content.decode()
    english = client.get("/en" + reverse("suggestions:mine")).content.decode()
    with translation.override("zh-hans"):
        assert f'<span class="badge">{graded.suggestion.get_state_display()}</span>' in chinese
        assert f"区住建局: {graded.get_state_display()}</a>" in chinese
    with translation.override("en"):
        assert f'<span class="badge">{graded.suggestion.get_state_display()}</span>' in english
        assert f"区住建局: {graded.get_state_display()}</a>" in english
    assert graded.get_state_display() != ""
