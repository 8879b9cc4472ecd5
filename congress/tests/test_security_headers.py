"""Every response carries a Permissions-Policy that switches off the browser features the portal
never uses, the existing security headers, and a request id."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/v1/", "/admin/login/", "/no-such-page/"])
def test_pages_carry_the_security_headers(client, path):
    response = client.get(path)
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert len(response["X-Request-ID"]) >= 8
