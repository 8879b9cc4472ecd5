"""The public list API reads its page as rows: each row answers what the suggestion's own answer
(the detail) gives, in either language, except the replies and implementation reports, which only
the detail gives. The content appears only where staff published it, and never an unpublished
suggestion."""

from datetime import date

import pytest

from congress.tests.factories import CongressSessionFactory, OrganizationFactory, staff_user
from suggestions import services
from suggestions.models import AssignmentRole, Category
from suggestions.tests.factories import handling, registered_suggestion

pytestmark = pytest.mark.django_db
URL = "/api/v1/suggestions/published/"


@pytest.fixture
def published():
    staff = staff_user()
    session = CongressSessionFactory()
    # Two units handling it separately; the content kept back, the replies published.
    two_units = registered_suggestion(title="两个单位办理", content="内容未公开", session=session)
    units = [(OrganizationFactory(name="区教育局"), AssignmentRole.SEPARATE),
             (OrganizationFactory(name="区财政局"), AssignmentRole.SEPARATE)]
    services.suggestion_assign(suggestion=two_units, units=units, assigned_by=staff, on=date(2020, 3, 1))
    services.suggestion_publish(suggestion=two_units, published_by=staff, publish_replies=True)
    # One unit, graded; content published; no session.
    graded = handling(stage="evaluated", reply="A+", implementation="B", title="已评价的建议", content="内容已公开",
                      category=Category.EDUCATION)
    services.suggestion_publish(suggestion=graded.suggestion, published_by=staff, publish_content=True)
    registered_suggestion(title="尚未公开的建议")
    return session


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_answers_what_the_detail_answers_but_the_texts(client, published, language):
    rows = client.get(URL, HTTP_ACCEPT_LANGUAGE=language).json()["results"]
    assert sorted(row["title"] for row in rows) == ["两个单位办理", "已评价的建议"]
    for row in rows:
        detail = client.get(f"{URL}{row['id']}/", HTTP_ACCEPT_LANGUAGE=language).json()
        for one in detail["handlings"]:
            one["replies"] = one["implementation_reports"] = None
        assert row == detail


def test_a_row_shows_its_session_units_grades_and_only_published_content(client, published):
    rows = {row["title"]: row for row in client.get(URL).json()["results"]}
    two_units, graded = rows["两个单位办理"], rows["已评价的建议"]
    assert two_units["content"] is None and graded["content"] == "内容已公开"
    assert two_units["session"] == published.title and graded["session"] is None
    assert sorted(two_units["units"], key=lambda unit: unit["unit"]) == [
        {"unit": "区教育局", "role": "separate"}, {"unit": "区财政局", "role": "separate"}]
    assert sorted(h["unit"] for h in two_units["handlings"]) == ["区教育局", "区财政局"]
    assert [h["state"] for h in two_units["handlings"]] == ["awaiting_reply", "awaiting_reply"]
    [graded_handling] = graded["handlings"]
    assert (graded_handling["reply_grade"], graded_handling["implementation_grade"]) == ("A+", "B")
    assert graded_handling["final_score"] is not None and graded["category_display"] == "教育"
