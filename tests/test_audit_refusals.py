"""A refused authorization joins the audit trail: a deputy opening the office's statistics page on
the site, or its endpoint in the API, gets a 403 and leaves one `auth.refused` event naming the
account, the path and the request id the answer carries. A visitor's missing login is not one."""

import pytest

from congress.audit import Action
from congress.models import AuditEvent
from congress.tests.factories import deputy_user


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/suggestions/statistics/", "/api/v1/suggestions/statistics/"])
def test_a_403_records_the_refusal(client, path):
    login = deputy_user()
    client.force_login(login)

    response = client.get(path, HTTP_ACCEPT="application/json")

    assert response.status_code == 403
    refused = list(AuditEvent.objects.filter(action=Action.REFUSED))
    assert len(refused) == 1
    event = refused[0]
    assert event.actor_id == login.pk and "deputy" in event.roles
    assert event.path == path and event.method == "GET"
    assert event.request_id == response["X-Request-ID"]
    assert event.detail.get("reason")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/suggestions/statistics/", "/api/v1/suggestions/statistics/"])
def test_a_visitor_without_a_login_is_not_a_refusal(client, path):
    response = client.get(path, HTTP_ACCEPT="application/json")

    assert response.status_code in (302, 401, 403)
    assert not AuditEvent.objects.filter(action=Action.REFUSED).exists()
