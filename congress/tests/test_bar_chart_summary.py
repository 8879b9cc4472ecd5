"""A bar chart's spoken summary names every bar of a short chart (it named the first three, which
left out the latest year, usually the figure a reader came for) and part of a long one, saying so."""

from django.template import Context, Template


def render(count: int) -> str:
    rows = [{"year": 2015 + index, "n": index + 1} for index in range(count)]
    return Template("{% load portal %}{% bar_chart rows 'year' 'n' caption='每年会议数' %}").render(
        Context({"rows": rows}))


def test_a_short_chart_names_every_bar():
    html = render(6)
    label = html.split('aria-label="')[1].split('"')[0]
    assert label == "每年会议数: 2015 1, 2016 2, 2017 3, 2018 4, 2019 5, 2020 6"


def test_a_long_chart_names_ten_and_says_there_is_more():
    label = render(20).split('aria-label="')[1].split('"')[0]
    assert label.startswith("每年会议数: 2015 1,") and "2024 10 …" in label and "2025" not in label
