"""A deputy's private details (phone, ID number, address) never reach the public: not on the
directory, the profile, the API, nor in the directory's downloads."""

import io
import json

import openpyxl
import pytest

from congress.tests.factories import DeputyFactory, DeputyPrivateFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("foundation_registry")]

SECRETS = ("13912345678", "440300199001011234", "坪山区秘密路8号")


@pytest.fixture
def deputy():
    deputy = DeputyFactory(name="王伟", occupation="中学教师")
    DeputyPrivateFactory(deputy=deputy, phone=SECRETS[0], id_number=SECRETS[1], address=SECRETS[2])
    return deputy


def assert_public(text: str) -> None:
    assert "王伟" in text, "the deputy is shown"
    for secret in SECRETS:
        assert secret not in text


@pytest.mark.parametrize("url", ["/deputies/", "/deputies/?q=王伟", "/deputies/{pk}/", "/api/v1/deputies/",
                                 "/api/v1/deputies/{pk}/", "/api/v1/deputies/?q=13912345678"])
def test_pages_and_api_show_the_deputy_without_private_details(client, deputy, url):
    response = client.get(url.format(pk=deputy.pk))
    text = response.content.decode()
    if "q=1391" in url:
        assert response.json()["results"] == [], "private details are not searchable either"
    else:
        assert_public(text)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_directory_downloads_carry_no_private_details(client, deputy, fmt):
    response = client.get(f"/deputies/?format={fmt}")
    assert response["Content-Disposition"] == f'attachment; filename="deputies.{fmt}"'
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        text = json.dumps([[c.value for c in row] for row in sheet.iter_rows()], ensure_ascii=False)
    else:
        text = response.content.decode("utf-8")
    assert_public(text)
    assert "中学教师" in text


def test_the_directory_offers_its_downloads_keeping_the_search(client, deputy):
    page = client.get("/deputies/?q=王伟").content.decode()
    assert 'href="/deputies/?q=%E7%8E%8B%E4%BC%9F&amp;format=csv"' in page
    rows = client.get("/deputies/?q=王伟&format=json").json()
    assert [row["name"] for row in rows] == ["王伟"]
    assert set(rows[0]) == {"code", "name", "gender", "street", "community", "occupation", "status"}
