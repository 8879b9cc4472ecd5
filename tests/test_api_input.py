"""Malformed parameters and path arguments are a 400 with a message per field (or a JSON 404),
never a 500; anonymous calls get a 401; decimals are strings where the schema says so."""

import pytest
from rest_framework.test import APIClient

from congress.tests.factories import staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_api():
    api = APIClient()
    api.force_authenticate(staff_user())
    return api


@pytest.mark.parametrize(("url", "field"), [
    ("/api/v1/points/totals/?period=0000", "period"),
    ("/api/v1/points/totals/?period=2020Q9", "period"),
    ("/api/v1/points/totals/?period=abcd", "period"),
    ("/api/v1/deputies/?page=abc", "page"),
    ("/api/v1/deputies/?page=0", "page"),
    ("/api/v1/deputies/?page_size=-3", "page_size"),
    ("/api/v1/deputies/?page_size=100000", "page_size"),
    ("/api/v1/suggestions/ranking/?year=20x0", "year"),
    ("/api/v1/suggestions/statistics/?year=99999", "year"),
    ("/api/v1/points/quarters/2020Q4/ranking/?revision=abc", "revision"),
])
def test_malformed_parameters_are_a_400_naming_the_field(staff_api, url, field):
    response = staff_api.get(url)
    assert response.status_code in (400, 404), response.content
    if response.status_code == 400:
        assert list(response.json()) == [field] and response.json()[field][0]


@pytest.mark.parametrize("url", ["/api/v1/suggestions/open-for-cosigning/AAA/cosign/",
                                 "/api/v1/deputies/-1/", "/api/v1/deputies/99999999999999999999999/"])
def test_malformed_ids_are_a_json_404(staff_api, url):
    response = staff_api.post(url) if "cosign" in url else staff_api.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_anonymous_calls_get_401_with_the_scheme():
    response = APIClient().get("/api/v1/points/entries/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_every_operation_documents_its_error_answers(client):
    schema = client.get("/api/schema/?format=json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = {"400", "401", "403", "404"} | ({"409"} if method not in ("get", "delete") else set())
            assert expected <= set(operation["responses"]), (method, path)


@pytest.mark.django_db
@pytest.mark.parametrize("param", ["search", "kind"])
def test_a_nul_character_in_a_parameter_is_a_400_with_one_message(client, param):
    response = client.get("/api/v1/organizations/", {param: "a\x00b"})
    assert response.status_code == 400
    body = response.json()
    assert isinstance(body, dict) and body
    message = body.get("detail") or " ".join(body[param])
    assert "空字符" in message if param == "search" else "有效" in message  # the reason, in Chinese
