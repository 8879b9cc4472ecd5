"""The whole portal's OpenAPI schema (every app's API together) validates with no warnings: two
apps' components must not share a name, and enums need unambiguous names."""

import pytest
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS

pytestmark = pytest.mark.django_db


def test_the_project_schema_validates_without_warnings(tmp_path):
    GENERATOR_STATS.reset()  # warnings of an earlier generation in this process must not count
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/deputies/" in (tmp_path / "schema.yaml").read_text(encoding="utf-8")
