"""The audit trail of the newer mechanisms: a key-project ballot cast, an appointee rating and a
supervision clue's step each add one event naming who (account and roles), in which request and on
what; the ballot's and the rating's events say that the deputy voted or rated, never how."""

import json

import pytest
from django.test import RequestFactory

from congress.audit import current_request
from congress.models import AuditEvent
from congress.tests.factories import staff_user

CHOICE_WORDS = ("approve", "oppose", "abstain", "satisfied", "unsatisfied", "basically_satisfied")


@pytest.fixture
def in_request():
    """Run the services as the middleware does: inside a request that carries a request id."""

    def enter(user):
        request = RequestFactory().post("/somewhere/")
        request.user = user
        request.request_id = "req-audit-0001"
        return current_request.set(request)

    tokens = []
    yield lambda user: tokens.append(enter(user))
    for token in reversed(tokens):
        current_request.reset(token)


def _only_event(action):
    events = list(AuditEvent.objects.filter(action=action))
    assert len(events) == 1, [e.action for e in AuditEvent.objects.all()]
    return events[0]


def _holds_no_choice(event):
    text = json.dumps([event.detail, event.target_repr, event.path], ensure_ascii=False)
    assert not any(word in text for word in CHOICE_WORDS)


@pytest.mark.django_db
def test_a_ballot_cast_records_that_the_deputy_voted_not_how(in_request):
    from projects.services import ballot_cast
    from projects.tests.factories import ballot_with, paper

    ballot, users = ballot_with(candidates=3, seats=1, voters=2, status="open")
    in_request(users[0])
    ballot_cast(ballot=ballot, choices=paper(ballot, 1, oppose=[2]), cast_by=users[0])

    event = _only_event("projects.ballot_cast")
    assert event.actor_id == users[0].pk and "deputy" in event.roles
    assert event.request_id == "req-audit-0001"
    assert (event.target_type, event.target_id) == ("projects.ballot", str(ballot.pk))
    _holds_no_choice(event)


@pytest.mark.django_db
def test_a_rating_records_that_the_member_rated_not_how(in_request):
    from appointees.services import rating_ballot_submit, rating_session_create, rating_session_open
    from appointees.tests.factories import MeetingFactory, department_heads, member_user

    staff, member = staff_user(), member_user()
    session = rating_session_open(session=rating_session_create(
        title="2020年度测评", year=2020, meeting=MeetingFactory(), officials=department_heads(2),
        members=[member.deputy], created_by=staff), opened_by=staff)
    ids = list(session.officials.order_by("order").values_list("appointee_id", flat=True))
    in_request(member)
    rating_ballot_submit(session=session, user=member, choices={ids[0]: "unsatisfied", ids[1]: "satisfied"})

    event = _only_event("appointees.rating_submitted")
    assert event.actor_id == member.pk and "committee_member" in event.roles
    assert event.request_id == "req-audit-0001"
    assert (event.target_type, event.target_id) == ("appointees.ratingsession", str(session.pk))
    _holds_no_choice(event)


@pytest.mark.django_db
def test_a_clue_step_records_who_took_it(in_request):
    from supervision.models import ClueState
    from supervision.services import clue_review
    from supervision.tests.factories import ClueFactory

    staff = staff_user()
    clue = ClueFactory(state=ClueState.RECEIVED)
    in_request(staff)
    clue_review(clue=clue, reviewed_by=staff)

    event = _only_event("supervision.clue_reviewed")
    assert event.actor_id == staff.pk and "staff" in event.roles
    assert event.request_id == "req-audit-0001" and event.method == "POST"
    assert (event.target_type, event.target_id) == ("supervision.clue", str(clue.pk))
