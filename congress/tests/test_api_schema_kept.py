"""/api/schema/ is generated once per process for each language and format, and no caller can
change what is kept for the others; a language the portal does not speak is a 400."""

import json

import pytest
import yaml
from drf_spectacular.generators import SchemaGenerator

from congress import apidocs

pytestmark = pytest.mark.django_db


@pytest.fixture
def generations(monkeypatch):
    apidocs._schema_bytes.cache_clear()
    calls = []
    original = SchemaGenerator.get_schema

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting)
    yield calls
    apidocs._schema_bytes.cache_clear()


def test_a_second_reader_gets_the_same_schema_without_generating_it_again(client, generations, django_user_model):
    first = client.get("/api/schema/")
    client.force_login(django_user_model.objects.create_user("reader", password="x-Long-enough-1"))
    second = client.get("/api/schema/")
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/vnd.oai.openapi; charset=utf-8"
    assert first.content == second.content
    paths = yaml.safe_load(first.content)["paths"]
    assert "/api/v1/deputies/" in paths
    assert not [path for path in paths if path.startswith("/api/schema")]
    assert len(generations) == 1


def test_each_language_and_format_has_its_own_schema(client, generations):
    chinese = client.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en")
    asked = client.get("/api/schema/?format=json&lang=en", HTTP_ACCEPT_LANGUAGE="zh-hans")
    yaml_english = client.get("/api/schema/?lang=EN")
    assert chinese["Content-Type"] == "application/vnd.oai.openapi+json"
    assert chinese.content != english.content
    assert asked.content == english.content
    assert yaml.safe_load(yaml_english.content) == json.loads(english.content)
    assert 'filename="District Congress Portal API.json"' in english["Content-Disposition"]
    assert len(generations) == 3  # Chinese JSON, English JSON, English YAML


def test_a_version_parameter_does_not_change_the_kept_schema(client, generations):
    asked = client.get("/api/schema/?format=json&version=9.9").json()
    plain = client.get("/api/schema/?format=json").json()
    assert asked["info"]["version"] == plain["info"]["version"] == "1.0.0"


@pytest.mark.parametrize("lang", ["xx", "x" * 600])
def test_an_unknown_language_is_refused_with_a_message(client, generations, lang):
    response = client.get(f"/api/schema/?format=json&lang={lang}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Unknown language; choose one of: zh-hans, en." in response.json()["lang"]
    assert generations == []
