"""No record, page, export, log or API response links a member to a rating: the schema has no
table holding both a member and a choice, the rows written by a submission carry nothing that
orders or times them against the Ballot, and nothing a user can reach shows a member's choices."""

import io
import logging

import openpyxl
import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appointees.models import Ballot, RatingOfficial
from appointees.services import rating_ballot_submit, rating_session_close
from congress.models import Deputy

pytestmark = pytest.mark.django_db

CHOICE_WORDS = ("satisfied", "unsatisfied", "basically_satisfied")


def test_no_table_holds_both_a_member_and_a_choice():
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        links_person = any(getattr(f, "related_model", None) in (Deputy, apps.get_model("congress", "User"))
                           for f in model._meta.get_fields() if f.concrete)
        holds_choice = bool(names & set(CHOICE_WORDS)) or "choice" in names
        assert not (links_person and holds_choice), model
    ballot_fields = {f.name for f in Ballot._meta.get_fields() if f.concrete}
    assert ballot_fields == {"id", "session", "deputy", "submitted_at"}
    counter_fields = {f.name for f in RatingOfficial._meta.get_fields() if f.concrete}
    assert not any("time" in name or name.endswith("_at") or name.endswith("_by") for name in counter_fields)
    assert not hasattr(RatingOfficial, "history") and not hasattr(Ballot, "history")


def test_a_submission_writes_only_a_ballot_and_counter_increments(open_session, members, caplog):
    ids = list(open_session.officials.order_by("order").values_list("appointee_id", flat=True))
    with caplog.at_level(logging.DEBUG), CaptureQueriesContext(connection) as queries:
        rating_ballot_submit(session=open_session, user=members[0],
                             choices={ids[0]: "unsatisfied", ids[1]: "satisfied", ids[2]: "unsatisfied"})
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    # The audit trail records *that* the member rated (one event), never a choice.
    audit = [sql for sql in writes if "congress_auditevent" in sql]
    assert len(audit) == 1 and not any(word in audit[0] for word in CHOICE_WORDS)
    writes = [sql for sql in writes if sql not in audit]
    inserts = [sql for sql in writes if sql.startswith("INSERT")]
    assert len(inserts) == 1 and "appointees_ballot" in inserts[0]
    assert all(sql.startswith("UPDATE") and "appointees_ratingofficial" in sql for sql in writes[1:])
    # Aggregate updates: one per choice given, never one per member or per official.
    assert len(writes) == 1 + 2
    name = members[0].deputy.name
    assert not any(name in record.getMessage() for record in caplog.records)


def test_nothing_a_user_can_reach_shows_a_members_choices(client, open_session, members, staff):
    """Three members rate differently; every page, export and API answer — for staff as well as the
    public — shows counts only. With the per-member choices known, no reachable text pairs a
    member's name with them."""
    ids = list(open_session.officials.order_by("order").values_list("appointee_id", flat=True))
    for member, choice in zip(members, ("satisfied", "basically_satisfied", "unsatisfied"), strict=True):
        rating_ballot_submit(session=open_session, user=member, choices=dict.fromkeys(ids, choice))

    client.force_login(staff)
    while_open = [client.get(reverse("appointees:rating-detail", args=[open_session.pk])),
                  client.get(reverse("admin:appointees_ratingsession_change", args=[open_session.pk])),
                  client.get(reverse("appointees:rating-projector", args=[open_session.pk])),
                  client.get(reverse("appointees-api:rating-results", args=[open_session.pk]))]
    assert while_open[-1].status_code == 404
    for response in while_open[:-1]:
        # Counts appear nowhere while the session is open: watching them change would reveal who.
        assert 'class="num">1<' not in response.content.decode()

    rating_session_close(session=open_session, closed_by=staff)
    detail = reverse("appointees:rating-detail", args=[open_session.pk])
    bodies = {
        "detail": client.get(detail).content,
        "csv": client.get(detail, {"format": "csv"}).content,
        "json": client.get(detail, {"format": "json"}).content,
        "report": client.get(reverse("appointees:rating-report", args=[open_session.pk])).content,
        "projector": client.get(reverse("appointees:rating-projector", args=[open_session.pk])).content,
        "api": client.get(reverse("appointees-api:rating-results", args=[open_session.pk])).content,
        "ballots admin": client.get(reverse("admin:appointees_ballot_changelist")).content,
        "ballot admin": client.get(reverse("admin:appointees_ballot_change",
                                           args=[Ballot.objects.first().pk])).content,
        "session admin": client.get(reverse("admin:appointees_ratingsession_change", args=[open_session.pk])).content,
    }
    book = openpyxl.load_workbook(io.BytesIO(client.get(detail, {"format": "xlsx"}).content), read_only=True)
    bodies["xlsx"] = "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True)
                               for c in row).encode()
    for label, body in bodies.items():
        text = body.decode()
        for member in members:
            if member.deputy.name in text:
                # Only the lists of who was present and who submitted name members, and they name no choice.
                assert label in ("ballots admin", "ballot admin", "session admin"), label
                # ("满意" alone is part of the app's name, 满意度测评: the other choices are distinctive.)
                assert not any(word in text for word in ("基本满意", "不满意", "basically", "unsatisfied")), label
    assert client.get("/admin/appointees/ratingofficial/").status_code == 404, "the counters have no admin"
