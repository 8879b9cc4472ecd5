"""The back office's ledger list is narrowed by year: the years run from the ledger's first day to
its last (no date hierarchy listing the distinct days of millions of entries), a year shows its
entries only, and a year that is no year shows the whole ledger instead of an error."""

from datetime import date

import pytest
from django.urls import reverse

from points.tests.factories import award

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(deputy, rules):
    award(deputy, rules, "inspection", on=date(2018, 3, 1), title="二〇一八年视察")
    award(deputy, rules, "inspection", on=date(2020, 5, 6), title="二〇二〇年视察")
    award(deputy, rules, "inspection", on=date(2020, 9, 1), title="二〇二〇年又一次视察")


def changelist(client, **params):
    response = client.get(reverse("admin:points_ledgerentry_changelist"), params)
    assert response.status_code == 200
    return response


def test_the_years_run_from_the_first_entry_to_the_last_and_narrow_the_list(client, staff, ledger):
    client.force_login(staff)
    whole = changelist(client)
    assert whole.context["cl"].result_count == 3
    html = whole.content.decode()
    assert all(f"?year={year}" in html for year in (2018, 2019, 2020))
    assert "?year=2017" not in html and "?year=2021" not in html

    assert changelist(client, year="2020").context["cl"].result_count == 2
    assert changelist(client, year="2019").context["cl"].result_count == 0


@pytest.mark.parametrize("year", ["abc", "99999999", "-1", ""])
def test_a_year_that_is_no_year_shows_the_whole_ledger(client, staff, ledger, year):
    client.force_login(staff)
    assert changelist(client, year=year).context["cl"].result_count == 3


def test_shown_counts_give_each_year_its_own_entries(client, staff, deputy, rules):
    """With "Show counts" (Django's facets), each year is counted in one pass over the ledger: the last day of
    a year is in it, the first day of the next is not, and a year without entries counts 0."""
    for day in (date(2018, 3, 1), date(2020, 12, 31), date(2021, 1, 1), date(2021, 6, 30)):
        award(deputy, rules, "inspection", on=day, title=f"{day} 视察")
    client.force_login(staff)
    html = changelist(client, _facets="True").content.decode()
    for year, count in ((2021, 2), (2020, 1), (2019, 0), (2018, 1)):
        assert f"{year} ({count})" in html, f"{year} should count {count}"


def test_the_ledger_sorts_by_date_only(client, staff, deputy, rules):
    """Sorting two million entries by any other column takes seconds: only the date's header offers
    to sort, and a sort typed into the address on another column leaves the list by date."""
    award(deputy, rules, "inspection", on=date(2020, 1, 1), title="早")
    award(deputy, rules, "reception", on=date(2020, 6, 1), title="晚")
    client.force_login(staff)
    html = changelist(client).content.decode()
    assert html.count('class="sortable') == 1 and 'class="sortable column-occurred_on' in html
    newest_first = [e.occurred_on for e in changelist(client).context["cl"].result_list]
    assert newest_first == [date(2020, 6, 1), date(2020, 1, 1)]
    oldest_first = [e.occurred_on for e in changelist(client, o="1").context["cl"].result_list]
    assert oldest_first == [date(2020, 1, 1), date(2020, 6, 1)]
    for typed in ("3", "-4", "2.-1"):
        assert [e.occurred_on for e in changelist(client, o=typed).context["cl"].result_list] == newest_first
