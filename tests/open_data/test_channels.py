"""Every declared data set is reachable as a page, CSV, XLSX and JSON from the API, and the one
publication rule holds in all of them: data appears in no channel before it is published and in
every channel after."""

import io

import pytest
from openpyxl import load_workbook

from congress.registry import registry
from congress.services import quarter_publish

from .conftest import DEPUTY, Q2, UNIT, channels


@pytest.mark.django_db
def test_every_declared_data_set_is_reachable_in_every_channel(district, client):
    quarter_publish(quarter=Q2)
    assert len({d.key for d in registry.data_sets}) >= 8
    for data_set in registry.data_sets:
        links = data_set.links()
        if links is None:
            continue  # nothing of it published in this small district
        responses, _texts = channels(client, links)
        for name, response in responses.items():
            assert response.status_code == 200, (data_set.key, name, response.status_code)
        assert responses["api"]["Content-Type"].startswith("application/json"), data_set.key
        sheet = load_workbook(io.BytesIO(responses["xlsx"].content)).active
        headers = [cell.value for cell in sheet[1]]
        assert headers == [str(column.header) for column in data_set.columns], data_set.key
        for index, header in enumerate(headers):
            letter = sheet.cell(row=1, column=index + 1).column_letter
            assert sheet.column_dimensions[letter].width >= len(header), (data_set.key, header)
        page = client.get("/open-data/").content.decode()
        assert data_set.key in page
        for column in data_set.columns:
            assert column.key in page


@pytest.mark.django_db
def test_quarterly_data_sets_are_in_the_revision_downloads(district, client):
    publication = quarter_publish(quarter=Q2)
    for data_set in registry.quarterly_data_sets():
        for fmt in ("csv", "xlsx", "json"):
            response = client.get(f"/open-data/{publication.quarter}/{publication.revision}/{data_set.key}.{fmt}")
            assert response.status_code == 200
            assert response["X-Publication-Digest"] == publication.digest
    assert client.get(f"/open-data/2019Q1/1/{data_set.key}.json").status_code == 404


QUARTER_LINKS = {
    "points-ranking": ({"page": "/points/ranking/?quarter=2020Q2", "download": "/points/ranking/?quarter=2020Q2",
                        "api": "/api/v1/points/quarters/2020Q2/ranking/"}, DEPUTY),
    "suggestions-unit-ranking": ({"page": "/suggestions/ranking/?year=2020",
                                  "download": "/suggestions/ranking/?year=2020",
                                  "api": "/api/v1/suggestions/ranking/?year=2020"}, UNIT),
}


@pytest.mark.django_db
def test_quarterly_data_appears_in_no_channel_before_publication_and_in_all_after(district, client):
    assert set(QUARTER_LINKS) == {d.key for d in registry.quarterly_data_sets()}
    for key, (links, marker) in QUARTER_LINKS.items():
        _responses, texts = channels(client, links)
        assert [name for name, text in texts.items() if marker in text] == [], key
    publication = quarter_publish(quarter=Q2)
    for key, (links, marker) in QUARTER_LINKS.items():
        _responses, texts = channels(client, links)
        assert [name for name, text in texts.items() if marker not in text] == [], key
        assert publication.digest in texts["page"], key


@pytest.mark.django_db
def test_a_suggestion_appears_in_no_channel_before_it_is_published_and_in_all_after(db, client):
    from congress.tests.factories import staff_user
    from suggestions import services
    from suggestions.tests.factories import registered_suggestion

    suggestion = registered_suggestion(title="开放数据测试建议")
    (data_set,) = [d for d in registry.data_sets if d.key == "suggestions"]
    _responses, texts = channels(client, data_set.links())
    assert [name for name, text in texts.items() if suggestion.title in text] == []
    services.suggestion_publish(suggestion=suggestion, published_by=staff_user())
    _responses, texts = channels(client, data_set.links())
    assert [name for name, text in texts.items() if suggestion.title not in text] == []
