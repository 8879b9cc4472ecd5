"""A deputy's "my suggestions" page: each suggestion they lead or co-signed, newest first, with its
number, state and a link to it, and under "Handlings" each unit handling it with that handling's
state, linking to the handling; what awaits their grade is listed above with its unit."""

import re

import pytest
from django.urls import reverse

from congress.tests.factories import DeputyFactory, OrganizationFactory, deputy_user
from suggestions.models import Cosignature
from suggestions.tests.factories import SuggestionFactory, handling

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
