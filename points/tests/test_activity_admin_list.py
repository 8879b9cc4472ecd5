"""The back office's list of recorded activities: newest first, each with its number of
participants (0 for none), and sorted by that number from the column's header."""

import re
from datetime import date

import pytest
from django.urls import reverse

from congress.tests.factories import DeputyFactory
from points.services import activity_record
from points.tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def shown(response) -> list[tuple[str, int]]:
    assert response.status_code == 200
    return [(activity.title, activity.participant_total) for activity in response.context["cl"].result_list]


def sort_by_participants(client, response):
    """Click the participants column's header."""
    header = re.search(r'column-participant_count.*?<div class="text"><a href="([^"]+)"',
                       response.content.decode(), flags=re.S)
    return client.get(reverse("admin:points_activity_changelist") + header.group(1).replace("&amp;", "&"))


def test_the_list_counts_each_activitys_participants_and_sorts_by_them(client, staff, rules):
    three, one = DeputyFactory.create_batch(3), DeputyFactory()
    activity_record(rule=rules["inspection"], occurred_on=date(2020, 5, 6), title="视察", deputies=three,
                    recorded_by=staff)
    ActivityFactory(rule=rules["inspection"], occurred_on=date(2020, 9, 1), title="无人参加")
    activity_record(rule=rules["inspection"], occurred_on=date(2021, 1, 4), title="走访", deputies=[one, three[0]],
                    recorded_by=staff)
    client.force_login(staff)

    newest_first = client.get(reverse("admin:points_activity_changelist"))
    assert shown(newest_first) == [("走访", 2), ("无人参加", 0), ("视察", 3)]
    fewest_first = sort_by_participants(client, newest_first)
    assert shown(fewest_first) == [("无人参加", 0), ("走访", 2), ("视察", 3)]
    assert shown(sort_by_participants(client, fewest_first)) == [("视察", 3), ("走访", 2), ("无人参加", 0)]
