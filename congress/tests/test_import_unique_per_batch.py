"""Uniqueness is checked once per batch, against the file and the database, and still names each
line: a street name used twice in one file, and one already taken by another street."""

import pytest
import tablib

from congress.importing import import_all_or_nothing
from congress.models import Street
from congress.resources import StreetResource
from congress.tests.factories import StreetFactory

pytestmark = pytest.mark.django_db


def run(rows):
    return import_all_or_nothing(StreetResource, tablib.Dataset(*rows, headers=["code", "name", "order"]))


def test_a_name_twice_in_the_file_names_the_second_line():
    problems, _totals = run([["N1", "东湖街道", 1], ["N2", "西湖街道", 2], ["N3", "东湖街道", 3]])
    assert [line for line, _reason in problems] == [4]
    assert "2" in problems[0][1]  # the line it repeats
    assert not Street.objects.filter(code__in=["N1", "N2", "N3"]).exists()


def test_a_name_another_street_has_is_named_with_its_line():
    StreetFactory(code="OLD", name="南湖街道")
    problems, _totals = run([["N1", "北湖街道", 1], ["N2", "南湖街道", 2]])
    assert [line for line, _reason in problems] == [3]
    assert not Street.objects.filter(code__in=["N1", "N2"]).exists()


def test_a_street_keeps_its_own_name_when_its_row_is_imported_again():
    StreetFactory(code="OLD", name="南湖街道")
    problems, totals = run([["OLD", "南湖街道", 5]])
    assert problems == [] and totals["update"] == 1
    assert Street.objects.get(code="OLD").order == 5
