"""Public pages are usable by everyone (SPEC §8): the page language is declared, a skip link leads
to the main content, every form field has a label, tables have header cells, images have text."""

from html.parser import HTMLParser

import pytest

from congress.tests.factories import DeputyFactory, OrganizationContactFactory, unit_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("foundation_registry")]


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, name):
        return [attrs for tag, attrs in self.tags if tag == name]


def check(html: str) -> None:
    page = Page(html)
    assert page.all("html")[0].get("lang") in ("zh-hans", "en")
    skip = page.all("a")[0]
    assert skip.get("href") == "#main" and "skip-link" in skip.get("class", "")
    assert [m.get("id") for m in page.all("main")] == ["main"]
    labelled = {label.get("for") for label in page.all("label")}
    for name in ("input", "select", "textarea"):
        for field in page.all(name):
            if field.get("type") in ("hidden", "submit", "button"):
                continue
            assert field.get("id") in labelled or field.get("aria-label"), f"unlabelled {name}: {field}"
    for image in page.all("img"):
        assert image.get("alt") is not None
    if page.all("table"):
        assert page.all("th"), "tables have header cells"


@pytest.mark.parametrize("url", ["/", "/deputies/", "/deputies/{pk}/", "/accounts/login/", "/en/deputies/"])
def test_public_pages_are_accessible(client, url):
    deputy = DeputyFactory()
    check(client.get(url.format(pk=deputy.pk)).content.decode())


def test_the_unit_pages_are_accessible(client):
    sheet = OrganizationContactFactory()
    client.force_login(unit_user(sheet.organization))
    check(client.get("/my/unit/").content.decode())
    check(client.get(f"/my/unit/{sheet.pk}/").content.decode())
    check(client.post(f"/my/unit/{sheet.pk}/", {"email": "bad"}).content.decode())
