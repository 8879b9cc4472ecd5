"""An import with a bad row imports no row and reports every bad row with its line."""

import pytest
import tablib

from congress.tests.factories import DeputyFactory
from suggestions.models import Suggestion
from suggestions.resources import SuggestionResource

pytestmark = pytest.mark.django_db

HEADERS = ["number", "year", "title", "content", "category", "session", "lead_deputy", "state", "submitted_on"]


def dataset(rows):
    return tablib.Dataset(*rows, headers=HEADERS)


def test_a_good_file_imports_every_row():
    DeputyFactory(code="D1-009")
    result = SuggestionResource().import_data(dataset([
        ["2019-001", 2019, "加快老旧小区改造", "……", "urban", "", "D1-009", "submitted", "2019-01-10"],
        ["2019-002", 2019, "增设公交站台", "……", "transport", "", "D1-009", "submitted", "2019-01-10"],
    ]))
    assert not result.has_errors() and not result.has_validation_errors()
    assert list(Suggestion.objects.order_by("number").values_list("number", "lead_deputy__code")) == [
        ("2019-001", "D1-009"), ("2019-002", "D1-009")]


def test_a_bad_row_imports_nothing_and_is_reported_with_its_line():
    DeputyFactory(code="D1-009")
    result = SuggestionResource().import_data(dataset([
        ["2019-001", 2019, "加快老旧小区改造", "……", "urban", "", "D1-009", "submitted", "2019-01-10"],
        ["2019-002", 2019, "", "……", "no-such-category", "", "D1-009", "submitted", "2019-01-10"],
        ["2019-003", 2019, "增设公交站台", "……", "transport", "", "D1-009", "submitted", ""],
    ]))
    assert result.has_validation_errors()
    bad = {row.number: row.error.message_dict for row in result.invalid_rows}
    assert set(bad) == {3, 4}  # lines of the file; the header is line 1
    assert {"title", "category"} <= set(bad[3])
    assert "submitted_on" in str(bad[4]) or "__all__" in bad[4]
    assert Suggestion.objects.count() == 0


def test_an_unknown_deputy_imports_nothing():
    DeputyFactory(code="D1-009")
    result = SuggestionResource().import_data(dataset([
        ["2019-001", 2019, "加快老旧小区改造", "……", "urban", "", "D1-009", "submitted", "2019-01-10"],
        ["2019-002", 2019, "增设公交站台", "……", "transport", "", "D9-999", "submitted", "2019-01-10"],
    ]))
    assert result.has_errors() or result.has_validation_errors()
    assert Suggestion.objects.count() == 0


def test_an_import_cannot_set_the_workflow_state():
    DeputyFactory(code="D1-009")
    result = SuggestionResource().import_data(dataset([
        ["2019-001", 2019, "加快老旧小区改造", "……", "urban", "", "D1-009", "assigned", "2019-01-10"],
    ]))
    assert not result.has_errors() and not result.has_validation_errors()
    assert Suggestion.objects.get(number="2019-001").state == "submitted"
