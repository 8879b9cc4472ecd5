"""Office staff pick the deputy of a private contact record by searching a name or code, not from a
drop-down of every deputy in the district."""

import pytest

from congress.tests.factories import DeputyFactory, staff_user

pytestmark = pytest.mark.django_db


def test_the_deputy_is_found_by_searching_not_listed(client):
    wanted = DeputyFactory(name="欧阳明远")
    other = DeputyFactory(name="司马清扬")
    client.force_login(staff_user())

    page = client.get("/admin/congress/deputyprivate/add/").content.decode()
    assert page.count("<select") >= 1
    assert wanted.name not in page and other.name not in page

    found = client.get("/admin/autocomplete/", {"app_label": "congress", "model_name": "deputyprivate",
                                                "field_name": "deputy", "term": "欧阳"}).json()
    assert [row["id"] for row in found["results"]] == [str(wanted.pk)]
    by_code = client.get("/admin/autocomplete/", {"app_label": "congress", "model_name": "deputyprivate",
                                                  "field_name": "deputy", "term": other.code}).json()
    assert [row["id"] for row in by_code["results"]] == [str(other.pk)]
