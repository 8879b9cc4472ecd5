"""API messages come in the client's language: Chinese by default, English on Accept-Language:
en or after choosing English on the site. Needs congress.middleware.UnprefixedLanguageMiddleware in
settings.MIDDLEWARE right after LocaleMiddleware."""

import pytest

from congress.tests.factories import OrganizationContactFactory, unit_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("foundation_registry")]


@pytest.fixture(autouse=True)
def _api_language(settings):
    if "congress.middleware.UnprefixedLanguageMiddleware" not in settings.MIDDLEWARE:
        at = settings.MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1
        settings.MIDDLEWARE = [*settings.MIDDLEWARE[:at], "congress.middleware.UnprefixedLanguageMiddleware",
                               *settings.MIDDLEWARE[at:]]


@pytest.fixture
def handler(client):
    sheet = OrganizationContactFactory()
    client.force_login(unit_user(sheet.organization))
    client.url = f"/api/v1/organization-contacts/{sheet.pk}/"
    return client


def email_error(client, **headers):
    response = client.patch(client.url, {"email": "x"}, content_type="application/json", headers=headers)
    assert response.status_code == 400
    return response, response.json()["email"][0]


def test_chinese_by_default(handler):
    response, message = email_error(handler)
    assert message == "请输入合法的邮件地址。"
    assert response["Content-Language"] == "zh-hans"


def test_english_on_accept_language(handler):
    response, message = email_error(handler, accept_language="en-US,en;q=0.9")
    assert message == "Enter a valid email address."
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_english_after_choosing_it_on_the_site(handler):
    handler.post("/en/i18n/setlang/", {"language": "en", "next": "/en/"})
    _, message = email_error(handler)
    assert message == "Enter a valid email address."


def test_the_site_keeps_its_url_languages(handler):
    page = handler.get("/deputies/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="zh-hans">' in page, "unprefixed site pages stay Chinese"


def test_the_back_office_follows_the_language_chosen_on_the_site_not_the_browser(client):
    from congress.tests.factories import staff_user

    client.force_login(staff_user())
    page = client.get("/admin/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="zh-hans"' in page and "后台管理" in page
    client.post("/en/i18n/setlang/", {"language": "en", "next": "/en/"})
    page = client.get("/admin/").content.decode()
    assert '<html lang="en"' in page and "Back office" in page
