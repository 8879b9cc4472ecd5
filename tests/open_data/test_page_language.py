"""The open-data page speaks the site's default language, Chinese: its headings, each data set's
title, method and column meanings, and the licence."""

import re

import pytest

from congress.services import quarter_publish

from .conftest import Q2


def _headings(html):
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h[123][^>]*>(.*?)</h[123]>", html, re.S)]


@pytest.mark.django_db
def test_the_open_data_page_is_in_chinese_by_default(district, client):
    quarter_publish(quarter=Q2)
    html = client.get("/open-data/").content.decode()
    headings = _headings(html)
    assert "开放数据" in headings
    assert {"许可协议", "最新公布的版本", "数据集", "核验公开数据"} <= set(headings)
    assert {"代表名录", "代表履职积分及排名", "承办单位建议办理得分", "已公开的建议", "民生微实事"} <= set(headings)
    assert "按季度积分的标准竞赛排名" in html
    assert "政府开放数据许可" in html
    assert "Open government licence" not in html and "Data sets" not in html


@pytest.mark.django_db
def test_the_open_data_page_is_in_english_under_en(district, client):
    html = client.get("/en/open-data/").content.decode()
    assert "Data sets" in _headings(html)
    assert "Open government licence" in html


@pytest.mark.django_db
def test_a_licence_set_in_the_settings_is_stated_as_written(district, client, settings):
    settings.OPEN_DATA_LICENCE = "CC BY 4.0"
    assert "CC BY 4.0" in client.get("/open-data/").content.decode()
