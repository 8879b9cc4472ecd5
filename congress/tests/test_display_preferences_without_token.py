"""The header's display switches (language, care mode) work without a CSRF token, so published
pages carry none; they still never send the reader to another site, and every other form keeps
its token."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return Client(enforce_csrf_checks=True)


def test_the_language_switch_needs_no_token_and_stays_on_the_site(reader):
    switched = reader.post("/i18n/setlang/", {"language": "en", "next": "/deputies/"})
    assert switched.status_code == 302 and switched["Location"] == "/en/deputies/"
    away = reader.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert away.status_code == 302 and "evil.example" not in away["Location"]


def test_care_mode_needs_no_token(reader):
    assert reader.post("/care-mode/", {"care": "on", "next": "/"}).status_code == 302
    assert '<body class="care">' in reader.get("/").content.decode()


def test_the_header_forms_carry_no_token_but_the_login_form_does(reader):
    home = reader.get("/").content.decode()
    assert "csrfmiddlewaretoken" not in home
    assert "csrfmiddlewaretoken" in reader.get("/accounts/login/").content.decode()
    assert reader.post("/accounts/login/", {"username": "x", "password": "y"}).status_code == 403
