"""A name given beside the number that decides (a deputy's name beside their number) must be the
number's: a file that names 张三 beside 宋强's number is refused at that line and imports nothing,
whether it is the ledger's activities or a registry's rows; a name padded as spreadsheets pad it,
or left empty, is fine."""

import pytest
import tablib

from congress.importing import import_all_or_nothing
from congress.tests.factories import DeputyFactory, staff_user
from liaison.models import StationedDeputy
from liaison.resources import StationedDeputyResource
from liaison.tests.factories import StationFactory
from points.models import LedgerEntry
from points.resources import ActivityParticipationResource

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

HEADER = ["reference", "rule", "occurred_on", "title", "deputy_code", "deputy_name", "description"]


def test_a_ledger_line_naming_another_deputy_imports_nothing(rules):
    DeputyFactory(code="D1-001", name="李明"), DeputyFactory(code="D1-003", name="宋强")
    rows = [["2020-0001", "inspection", "2020-05-06", "视察", "D1-001", "李　明", ""],
            ["2020-0001", "inspection", "2020-05-06", "视察", "D1-003", "张三", ""],
            ["2020-0002", "inspection", "2020-05-07", "视察", "D1-003", "", ""]]
    problems, _totals = import_all_or_nothing(ActivityParticipationResource, tablib.Dataset(*rows, headers=HEADER),
                                              user=staff_user())
    assert len(problems) == 1 and problems[0][0] == 3
    assert "D1-003" in problems[0][1] and "宋强" in problems[0][1] and "张三" in problems[0][1]
    assert not LedgerEntry.objects.exists()


def test_a_registry_row_naming_another_deputy_imports_nothing():
    station = StationFactory()
    DeputyFactory(code="D1-001", name="李明"), DeputyFactory(code="D1-003", name="宋强")
    rows = [[station.name, "D1-001", "李明", "2020-01-01", ""],
            [station.name, "D1-003", "张三", "2020-01-01", ""]]
    dataset = tablib.Dataset(*rows, headers=["station", "deputy_code", "deputy_name", "start_date", "end_date"])
    problems, _totals = import_all_or_nothing(StationedDeputyResource, dataset, user=staff_user())
    assert [line for line, _reason in problems] == [3]
    assert "宋强" in problems[0][1] and "张三" in problems[0][1]
    assert not StationedDeputy.objects.exists()
