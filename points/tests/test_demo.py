"""The demo ledger reproduces the seed's figures through the portal's own selectors."""

import random
from decimal import Decimal

import pytest

from congress.demo import publish_demo_quarters, seed_registry
from congress.periods import Quarter, Year
from points.demo import _change, seed_points
from points.models import EntryStatus, LedgerEntry
from points.selectors import totals


def test_exact_change():
    assert sum({"a": 3, "b": 5, "c": 8}[code] for code in _change(13, {"a": 3, "b": 5, "c": 8})) == 13
    with pytest.raises(ValueError):
        _change(7, {"a": 3, "b": 5})


@pytest.mark.django_db
def test_demo_ledger_gives_36576_points_in_2020_and_31_2_percent_growth(monkeypatch):
    from congress.registry import registry

    messages = []
    seed_registry(rng=random.Random("2020:registry"), progress=messages.append)
    seed_points(rng=random.Random("2020:points"), progress=messages.append)
    [year] = totals(level="district", period=Year(2020))
    assert (year["points"], year["last_year_points"]) == (36_576, 27_878)
    assert round(year["growth"] * 100, 1) == Decimal("31.2")
    assert LedgerEntry.objects.filter(status=EntryStatus.PENDING).exists()
    assert LedgerEntry.objects.filter(kind="reversal").exists()

    count = LedgerEntry.objects.count()
    seed_points(rng=random.Random("2020:points"), progress=messages.append)
    assert LedgerEntry.objects.count() == count

    monkeypatch.setattr(registry, "publication_parts", [p for p in registry.publication_parts if p.name == "points"])
    publish_demo_quarters(rng=random.Random(1), progress=messages.append)
    from points.selectors import publication_current

    district = publication_current(quarter=Quarter(2020, 4)).points_district
    assert (district.year_points, district.last_year_points) == (36_576, 27_878)
    assert str(district.year_growth) == "0.3120"
