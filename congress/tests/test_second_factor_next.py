"""The code page sends the reader on to `next` only when it is a path on this site; a bare word,
another host or a scheme-relative address goes to the back office's index instead, never to an
error page."""

import pytest

from congress.testing import fresh_totp_code, totp_device_for
from congress.tests.factories import staff_user

pytestmark = pytest.mark.django_db

VERIFY = "/accounts/second-factor/verify/"
ELSEWHERE = ["abc", "my", "//evil.example/", "https://evil.example/admin/", "javascript:alert(1)", " /x"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_a_verified_session_is_sent_to_the_back_office_not_elsewhere(client, target):
    client.force_login(staff_user())  # with the second factor given (conftest)
    response = client.get(VERIFY, {"next": target})
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_verified_session_goes_on_to_a_page_of_this_site(client):
    client.force_login(staff_user())
    response = client.get(VERIFY, {"next": "/suggestions/my/"})
    assert response.status_code == 302 and response["Location"] == "/suggestions/my/"


@pytest.mark.real_second_factor
@pytest.mark.parametrize("target", ["abc", "//evil.example/"])
def test_giving_the_code_with_a_foreign_next_leads_to_the_back_office(client, target):
    staff = staff_user()
    device = totp_device_for(staff)
    client.force_login(staff)
    response = client.post(VERIFY, {"code": fresh_totp_code(device), "next": target})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
