"""A reporter's identity lives in ClueReporter, which only staff querysets return. No output
serializer, export resource, admin of its own or non-staff template touches it."""

import inspect
import re
from pathlib import Path

import pytest
from django.contrib import admin
from import_export.resources import ModelResource
from rest_framework import serializers

from congress.tests.factories import UserFactory, unit_user
from supervision import api, resources
from supervision.models import ClueReporter
from supervision.tests.factories import ClueReporterFactory, RectificationFactory

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "supervision"


def test_no_output_serializer_has_a_reporter_field():
    outputs = [cls for _name, cls in inspect.getmembers(api, inspect.isclass)
               if issubclass(cls, serializers.Serializer) and cls.__name__.endswith("Output")]
    assert len(outputs) >= 6
    for cls in outputs:
        assert not any("reporter" in name for name in cls().fields), cls.__name__


def test_no_export_resource_carries_the_reporter():
    found = [cls for _name, cls in inspect.getmembers(resources, inspect.isclass)
             if issubclass(cls, ModelResource) and cls is not ModelResource]
    assert len(found) == 3
    for cls in found:
        assert cls._meta.model is not ClueReporter
        assert not any("reporter" in field for field in cls().fields), cls.__name__


def test_the_reporter_has_no_admin_of_its_own():
    assert ClueReporter not in admin.site._registry


def test_only_the_staff_section_of_the_clue_page_reads_the_reporter():
    uses = re.compile(r"reporter(\.|_|\s*(\}\}|%\}))")
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        if template.name == "clue_form.html":
            continue  # the staff-only form that records the reporter
        if template.name != "clue_detail.html":
            assert not uses.search(text), template.name
            continue
        start = text.index("{% if is_staff %}<section class=\"card\"><h2>{% translate \"Reporter (office only)\" %}")
        end = text.index("</section>{% endif %}", start)
        assert uses.search(text[start:end]) and not uses.search(text[:start] + text[end:])


@pytest.mark.django_db
def test_only_staff_querysets_return_reporters(staff, liaison):
    reporter = ClueReporterFactory()
    item = RectificationFactory(case__clue=reporter.clue)
    for user in (liaison, unit_user(item.unit), UserFactory(role="deputy"), UserFactory()):
        assert not ClueReporter.objects.for_user(user).exists()
    assert list(ClueReporter.objects.for_user(staff)) == [reporter]
