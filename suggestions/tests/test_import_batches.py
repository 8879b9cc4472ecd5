"""A file is written in batches: its queries do not grow with its rows, and what the row-by-row
import gave stays true (every bad line named, history of every row, unchanged rows skipped, the
public pages told)."""

import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congress import pagecache
from congress.importing import import_all_or_nothing
from congress.tests.factories import DeputyFactory, staff_user
from suggestions.models import Suggestion
from suggestions.resources import SuggestionResource
from suggestions.tests.factories import SuggestionFactory

pytestmark = pytest.mark.django_db

HEADERS = ["number", "year", "title", "content", "category", "session", "lead_deputy", "state", "submitted_on"]


def rows(count: int, *, start: int = 1, title: str = "加快老旧小区改造") -> list[list]:
    return [[f"2019-{i:04d}", 2019, f"{title}{i}", "……", "urban", "", f"D-{i % 7}", "submitted", "2019-01-10"]
            for i in range(start, start + count)]


def run(data: list[list], user=None):
    return import_all_or_nothing(SuggestionResource, tablib.Dataset(*data, headers=HEADERS), user=user)


@pytest.fixture
def deputies():
    return [DeputyFactory(code=f"D-{i}") for i in range(7)]


@pytest.mark.usefixtures("requires_postgres")  # SQLite (make run) splits a bulk insert by its variable limit
def test_the_queries_of_an_import_do_not_grow_with_its_rows(deputies):
    with CaptureQueriesContext(connection) as small:
        assert run(rows(20))[0] == []
    with CaptureQueriesContext(connection) as large:
        assert run(rows(400, start=1000))[0] == []
    assert len(large.captured_queries) == len(small.captured_queries)
    assert Suggestion.objects.count() == 420


def test_a_number_twice_in_the_file_names_the_second_line_and_imports_nothing(deputies):
    data = rows(5)
    data[3][0] = data[1][0]  # line 5 repeats the number of line 3
    problems, _totals = run(data)
    assert [line for line, _reason in problems] == [5]
    assert Suggestion.objects.count() == 0


def test_a_number_already_recorded_updates_that_suggestion_and_is_not_duplicated(deputies):
    SuggestionFactory(number="2019-0003", lead_deputy=deputies[0])
    existing = Suggestion.objects.count()
    data = rows(5)
    problems, _totals = run([row for row in data if row[0] != "2019-0003"] + [
        ["2019-0003", 2019, "重复", "……", "urban", "", "D-1", "submitted", "2019-01-10"]])
    # the existing record is updated by its number, never duplicated: nothing is refused
    assert problems == []
    assert Suggestion.objects.filter(number="2019-0003").count() == 1
    assert Suggestion.objects.count() == existing + 4


def test_every_imported_row_has_its_history_with_the_importer(deputies):
    importer = staff_user()
    run(rows(3), user=importer)
    history = Suggestion.history.filter(number__startswith="2019-").order_by("number")
    assert [(h.number, h.history_type, h.history_user_id) for h in history] == [
        ("2019-0001", "+", importer.pk), ("2019-0002", "+", importer.pk), ("2019-0003", "+", importer.pk)]


def test_an_unchanged_row_is_skipped_and_a_changed_one_updated_with_history(deputies):
    run(rows(3))
    data = rows(3)
    data[1][2] = "新标题"
    problems, totals = run(data)
    assert problems == []
    assert totals["update"] == 1 and totals["skip"] == 2
    assert Suggestion.objects.get(number="2019-0002").title == "新标题"
    assert list(Suggestion.history.filter(number="2019-0002").values_list("history_type", flat=True)
                .order_by("history_id")) == ["+", "~"]
    assert Suggestion.history.filter(number="2019-0001").count() == 1


def test_the_public_pages_are_told_once_per_file(deputies):
    before = pagecache.current_version(["suggestions"])
    with CaptureQueriesContext(connection) as context:
        run(rows(50))
    assert pagecache.current_version(["suggestions"]) > before
    assert sum('INSERT INTO "congress_pageversion"' in q["sql"] for q in context.captured_queries) == 1


def test_a_row_the_database_refuses_is_named_even_when_python_saw_nothing_wrong(deputies):
    # year is required once submitted: a check constraint only the database evaluates per batch
    data = rows(4)
    data[2][1] = ""
    problems, _totals = run(data)
    assert [line for line, _reason in problems] == [4]
    assert Suggestion.objects.count() == 0
