"""No small count of the public supervision statistics can be worked out from what is published:
not from a table's total (three "<3" cells that sum to 3 are each 1), and not by subtracting the
other years from the all-years table (8 − 4 − 3 = the last year's 1). The reader here is an
attacker with the API's answers only, who tries every value the marks allow."""

from datetime import date
from itertools import product

import pytest

from supervision.models import ClueSource
from supervision.tests.factories import ClueFactory

pytestmark = pytest.mark.django_db
T = 3  # SUPERVISION_MIN_PUBLIC_CELL
CLUES = {  # year -> source -> clues (the first of each public-interest)
    2019: {"citizen": 4, "deputy": 1, "audit": 1, "inspection": 1},
    2020: {"citizen": 3, "deputy": 2, "audit": 5},
    2021: {"citizen": 1, "audit": 6, "inspection": 3, "other": 2},
}


@pytest.fixture
def clues(settings):
    settings.SUPERVISION_MIN_PUBLIC_CELL = T
    for year, sources in CLUES.items():
        for source, count in sources.items():
            for index in range(count):
                ClueFactory(source=ClueSource(source), received_on=date(year, 5, 1), public_interest=index == 0)


def possible_values(members: list[str], total: str) -> list[set[int]]:
    """For each "<3" member, every value it can take given the others' marks and the total."""
    if not total.isdigit():
        return [set(range(1, T)) for member in members if member.startswith("<")]
    rest = int(total) - sum(int(m) for m in members if m.isdigit())
    hidden = [m for m in members if not m.isdigit()]
    ranges = [range(1, T) if m.startswith("<") else range(T, int(total) + 1) for m in hidden]
    seen = [set() for _ in hidden]
    for values in product(*ranges):
        if sum(values) == rest:
            for index, value in enumerate(values):
                seen[index].add(value)
    return [found for found, mark in zip(seen, hidden, strict=True) if mark.startswith("<")]


def table(client, year=None):
    query = f"?year={year}" if year else ""
    return client.get(f"/api/v1/supervision/statistics/{query}").json()["by_source"]


def test_no_small_cell_follows_from_a_tables_total(client, clues):
    for year in [None, *CLUES]:
        rows = table(client, year)
        for column in ("total", "public_interest"):
            members, total = [row[column] for row in rows[:-1]], rows[-1][column]
            assert all(len(values) > 1 for values in possible_values(members, total)), (year, column, members, total)


def test_no_small_cell_follows_from_the_other_years(client, clues):
    all_years = table(client)
    by_year = [table(client, year) for year in CLUES]
    for index, row in enumerate(all_years):
        for column in ("total", "public_interest"):
            members = [year_rows[index][column] for year_rows in by_year]
            values = possible_values(members, row[column])
            assert all(len(v) > 1 for v in values), (row["source"], column, members, row[column])


def test_what_gives_nothing_away_stays_published(client, clues):
    rows = {row["source"]: row for row in table(client)}
    assert rows["total"]["total"] == str(sum(sum(sources.values()) for sources in CLUES.values()))
    assert {row["source"]: row["total"] for row in table(client, 2021)}["audit"] == "6"
    # all years' 12 audit clues would give away 2019's one (12 − 5 − 6): withheld there
    assert rows["audit"]["total"] == "—"
