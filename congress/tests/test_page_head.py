"""Every page names itself to browsers and search engines: a favicon served locally and a
meta description, in the reader's language."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/en/", "/deputies/"])
def test_pages_carry_a_local_favicon_and_a_description(client, url):
    page = client.get(url).content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)"', page).group(1)
    assert icon.startswith("/static/") and icon.endswith(".svg")
    description = re.search(r'<meta name="description" content="([^"]+)"', page).group(1)
    assert ("代表" in description) if not url.startswith("/en/") else ("deputies" in description)
