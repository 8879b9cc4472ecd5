"""Care mode (关怀模式) is switched from the header, remembered in a cookie and never sends the
reader to another site; the navigation marks the current page."""

import pytest

pytestmark = pytest.mark.django_db


def test_care_mode_switches_on_and_off_and_is_remembered(client):
    assert 'class="care"' not in client.get("/").content.decode()
    response = client.post("/care-mode/", {"care": "on", "next": "/deputies/"})
    assert response.status_code == 302 and response["Location"] == "/deputies/"
    assert '<body class="care">' in client.get("/deputies/").content.decode()
    client.post("/care-mode/", {"care": "off", "next": "/"})
    assert 'class="care"' not in client.get("/").content.decode()


def test_care_mode_never_redirects_to_another_site(client):
    response = client.post("/care-mode/", {"care": "on", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_care_mode_is_only_switched_by_a_post(client):
    assert client.get("/care-mode/").status_code == 405


def test_the_home_link_is_marked_as_the_current_page(client):
    page = client.get("/").content.decode()
    assert 'aria-current="page">首页</a>' in page
    assert '<a href="/" aria-current="page">' not in client.get("/deputies/").content.decode()
