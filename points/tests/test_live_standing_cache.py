"""A deputy's live standing on "my points" is ranked once per state of the ledger and the registry
and kept in the cache: the next visit (any deputy's) reads it, and the moment an entry is recorded,
verified, reversed or imported, or a deputy joins the district, every deputy sees the new standing."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congress import pagecache
from congress.tests.factories import DeputyFactory, deputy_user
from points.services import ParticipationRow, activities_import, entry_reverse, entry_verify
from points.tests.factories import award, self_report, small_district

pytestmark = pytest.mark.django_db

Q2_2020 = {"quarter": "2020Q2"}


def standing(client, user) -> dict[str, str]:
    """The "so far" card of the deputy's page: {label: value}."""
    client.force_login(user)
    page = client.get(reverse("points:my-points"), Q2_2020).content.decode()
    card = re.search(r'aria-labelledby="standing-heading">(.*?)</section>', page, re.S).group(1)
    return {label.strip(): value.strip() for label, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", card)}


def queries_of_a_visit(client) -> int:
    with CaptureQueriesContext(connection) as context:
        client.get(reverse("points:my-points"), Q2_2020)
    return len(context.captured_queries)


@pytest.fixture
def district(rules, staff):
    one, two, three = small_district(rules, staff)
    return {"one": deputy_user(one), "two": deputy_user(two), "three": deputy_user(three)}, one, two, three


def test_the_ranking_is_read_from_the_cache_until_the_ledger_changes(client, district, rules, staff):
    users, one, _two, _three = district
    assert standing(client, users["one"])["本季度已审核积分"] == "5"
    assert standing(client, users["one"])["当前排名"] == "第 2 名（共 3 人）"
    cached = queries_of_a_visit(client)
    client.force_login(users["two"])
    queries_of_a_visit(client)  # the first visit after a login fills the session's caches
    assert queries_of_a_visit(client) == cached, "another deputy's visit reads the same ranking"

    award(one, rules, "issue_resolved", date(2020, 5, 21))  # 15 more: 20, ahead of 二号's 15
    assert queries_of_a_visit(client) == cached + 1, "the first visit after a change ranks again"
    assert queries_of_a_visit(client) == cached
    after = standing(client, users["one"])
    assert (after["本季度已审核积分"], after["当前排名"]) == ("20", "第 1 名（共 3 人）")


def test_a_verification_and_a_reversal_show_at_once(client, district, rules, staff):
    users, one, _two, three = district
    assert standing(client, users["three"])["当前排名"] == "第 3 名（共 3 人）"
    report = self_report(three, rules, code="inspection", on=date(2020, 6, 3))  # 8, pending: not counted
    assert standing(client, users["three"])["本季度已审核积分"] == "0"
    entry_verify(entry=report, verified_by=staff)
    assert standing(client, users["three"])["本季度已审核积分"] == "8"
    assert standing(client, users["three"])["当前排名"] == "第 2 名（共 3 人）"
    entry_reverse(entry=report, reason="重复登记", reversed_by=staff)
    assert standing(client, users["three"])["当前排名"] == "第 3 名（共 3 人）"


def test_an_import_and_a_new_deputy_show_at_once(client, district, rules, staff):
    users, _one, _two, three = district
    assert standing(client, users["one"])["当前排名"] == "第 2 名（共 3 人）"
    activities_import(rows=[ParticipationRow(line=2, reference="HD-2020-77", rule=rules["issue_resolved"],
                                             occurred_on=date(2020, 6, 9), title="督办民生实事", deputy=three)],
                      imported_by=staff)
    assert standing(client, users["three"])["本季度已审核积分"] == "15"
    assert standing(client, users["one"])["当前排名"] == "第 3 名（共 3 人）"
    DeputyFactory(term=three.term)  # serving that year: ranked, with no points
    assert standing(client, users["one"])["当前排名"] == "第 3 名（共 4 人）"


def test_a_ledger_write_leaves_the_cached_public_pages_alone(district, rules):
    """No public page shows the live ledger: the pages that read every topic (home, profiles)
    keep their cached copy when an entry is recorded."""
    _users, one, _two, _three = district
    public = pagecache.current_version(pagecache.TOPICS)
    award(one, rules, "issue_resolved", date(2020, 5, 21))
    assert pagecache.current_version(pagecache.TOPICS) == public
    assert pagecache.current_version(["ledger"]) > public
