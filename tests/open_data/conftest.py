"""A small district with something to publish in every quarterly data set: a deputy's verified
points (points ranking) and a unit's graded handling (suggestion unit ranking), both in 2020."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from congress.periods import Quarter
from congress.registry import registry
from congress.tests.factories import CommunityFactory, DeputyFactory, OrganizationFactory
from points.defaults import ensure_default_rules
from points.models import PointRule, PointRuleVersion
from points.tests.factories import award

Q1, Q2 = Quarter(2020, 1), Quarter(2020, 2)
DEPUTY = "开放数据代表"
UNIT = "开放数据局"


@pytest.fixture
def district(db):
    from suggestions.tests.factories import handling

    ensure_default_rules(PointRule, PointRuleVersion)
    rules = {rule.code: rule for rule in PointRule.objects.all()}
    deputy = DeputyFactory(name=DEPUTY, code="OD-001", community=CommunityFactory(name="开放社区"))
    award(deputy, rules, "inspection", date(2020, 2, 3))
    award(deputy, rules, "meeting_attendance", date(2020, 5, 6))
    handling(organization=OrganizationFactory(name=UNIT), on=date(2020, 3, 2), stage="evaluated")
    return {"deputy": deputy, "rules": rules}


def _format(url, fmt):
    return f"{url}{'&' if '?' in url else '?'}format={fmt}"


def channels(client, links):
    """The body of each channel as text (the XLSX's cells joined)."""
    out = {"page": client.get(links["page"]), "csv": client.get(_format(links["download"], "csv")),
           "xlsx": client.get(_format(links["download"], "xlsx")), "api": client.get(links["api"])}
    texts = {}
    for name, response in out.items():
        if response.status_code != 200:
            texts[name] = ""
            continue
        if name == "xlsx":
            sheet = load_workbook(io.BytesIO(response.content)).active
            texts[name] = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
        else:
            texts[name] = response.content.decode()
    return out, texts


def data_set(key):
    (found,) = [d for d in registry.data_sets if d.key == key]
    return found


def channels_with(client, key, marker):
    """The channels of data set `key` (page, CSV, XLSX, API) whose body contains `marker`."""
    _responses, texts = channels(client, data_set(key).links())
    return [name for name, text in texts.items() if marker in text]
