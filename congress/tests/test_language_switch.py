"""The language switch: Chinese by default, English under /en/, and back again from any page."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("foundation_registry")]


def switch(client, page_url: str, language: str):
    page = client.get(page_url).content.decode()
    action = page.split('class="inline lang-switch"')[0].rsplit('<form action="', 1)[1].split('"', 1)[0]
    return client.post(action, {"language": language, "next": page_url})


def test_chinese_is_the_default(client):
    page = client.get("/?year=2020").content.decode()
    assert '<html lang="zh-hans">' in page and "2020年主要数据" in page


def test_switching_to_english_and_back(client):
    response = switch(client, "/deputies/?q=王", "en")
    assert response["Location"] == "/en/deputies/?q=%E7%8E%8B"
    assert '<html lang="en">' in client.get(response["Location"]).content.decode()
    response = switch(client, "/en/deputies/", "zh-hans")
    assert response["Location"] == "/deputies/"
    assert '<html lang="zh-hans">' in client.get(response["Location"]).content.decode()
