"""The audit trail: logins (failed ones too), role changes, publications, corrections and imports
each leave one event with actor, roles, time, address and request id; events can be neither
changed nor deleted (a trigger on PostgreSQL, read-only in the back office); and no event holds
what a secret ballot or rating chose. Points and grades: points/ and suggestions/ tests."""

from datetime import UTC, date, datetime

import pytest
from django.db import DatabaseError, transaction

from congress.audit import Action, audit_record
from congress.models import AuditEvent
from congress.periods import Quarter
from congress.roles import Role
from congress.services import quarter_correct, quarter_publish, user_assign_role
from congress.tests.factories import UserFactory, staff_user
from congress.tests.test_import import IMPORT_URL, XLSX, good_rows, registry, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_login_a_failed_login_and_a_logout_are_recorded_with_address_and_request_id(client):
    UserFactory(username="li")
    refused = client.post("/accounts/login/", {"username": "li", "password": "wrong-password"},
                          REMOTE_ADDR="10.1.2.3")
    assert refused.status_code == 200 and refused["X-Request-ID"]
    client.post("/accounts/login/", {"username": "li", "password": "pw-for-tests-1"}, REMOTE_ADDR="10.1.2.3",
                HTTP_X_REQUEST_ID="req-12345678")
    failed = AuditEvent.objects.get(action=Action.LOGIN_FAILED)
    assert failed.actor is None and failed.actor_name == "li" and failed.address == "10.1.2.3"
    assert failed.request_id == refused["X-Request-ID"]
    assert "wrong-password" not in str(failed.detail)
    login = AuditEvent.objects.get(action=Action.LOGIN)
    assert login.actor.username == "li" and login.request_id == "req-12345678" and login.address == "10.1.2.3"
    client.post("/accounts/logout/")
    assert AuditEvent.objects.get(action=Action.LOGOUT).actor_name == "li"


def test_a_made_up_request_id_is_replaced(client):
    response = client.get("/", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>" and len(response["X-Request-ID"]) == 32


def test_a_change_of_roles_is_recorded_once():
    staff, user = staff_user(), UserFactory()
    user_assign_role(user=user, role=Role.DEPUTY, assigned_by=staff)
    user_assign_role(user=user, role=Role.DEPUTY, assigned_by=staff)  # nothing changes: nothing recorded
    event = AuditEvent.objects.get(action=Action.ROLES_CHANGED)
    assert event.actor == staff and event.target_id == str(user.pk) and event.detail["added"] == "deputy"
    assert "staff" in event.roles


def test_a_publication_and_a_correction_are_recorded():
    staff = staff_user()
    publication = quarter_publish(quarter=Quarter.parse("2020Q1"), published_by=staff, today=date(2020, 5, 1))
    event = AuditEvent.objects.get(action=Action.PUBLISHED)
    assert event.detail == {"quarter": "2020Q1", "revision": 1} and event.target_id == str(publication.pk)
    assert event.actor == staff
    correction = quarter_correct(quarter=Quarter.parse("2020Q1"), reason="更正", corrected_by=staff)
    event = AuditEvent.objects.get(action=Action.CORRECTED)
    assert event.detail == {"quarter": "2020Q1", "revision": 2} and event.target_id == str(correction.pk)


def test_an_import_is_recorded_once_confirmed_and_a_preview_is_not(client, registry):  # noqa: F811
    import io

    staff = staff_user()
    client.force_login(staff)
    file = io.BytesIO(xlsx_bytes(good_rows()))
    file.name = "deputies.xlsx"
    preview = client.post(IMPORT_URL, {"resource": "0", "format": XLSX, "import_file": file})
    assert not AuditEvent.objects.filter(action=Action.IMPORTED).exists()
    form = preview.context["confirm_form"]
    client.post("/admin/congress/deputy/process_import/", {
        "import_file_name": form.initial["import_file_name"],
        "original_file_name": form.initial["original_file_name"],
        "format": form.initial["format"], "resource": form.initial.get("resource", "0")})
    event = AuditEvent.objects.get(action=Action.IMPORTED)
    assert event.actor == staff and event.detail["resource"] == "congress.Deputy" and event.detail["rows"] == 2
    assert event.request_id and event.path == "/admin/congress/deputy/process_import/"


def test_the_trail_never_holds_what_a_vote_or_rating_chose():
    for key in ("choice", "vote", "rating", "score", "Ballot"):
        with pytest.raises(ValueError):
            audit_record(action="supervision.vote_cast", detail={key: "yes"})
    assert not AuditEvent.objects.exists()


def test_events_can_be_neither_changed_nor_deleted_in_the_database(requires_postgres):
    event = audit_record(action="test.event")
    for change in (lambda: AuditEvent.objects.filter(pk=event.pk).update(action="forged"),
                   lambda: AuditEvent.objects.filter(pk=event.pk).delete()):
        with pytest.raises(DatabaseError), transaction.atomic():
            change()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


def test_staff_search_the_trail_but_cannot_add_change_or_delete(client):
    event = audit_record(action="test.searchable", actor=UserFactory(username="wang"))
    audit_record(action="test.other", actor=UserFactory(username="zhao"))
    client.force_login(staff_user())
    page = client.get("/admin/congress/auditevent/", {"q": "wang"})
    assert page.status_code == 200
    assert [shown.action for shown in page.context["cl"].result_list] == ["test.searchable"]
    assert client.get(f"/admin/congress/auditevent/{event.pk}/delete/").status_code == 403
    assert client.get("/admin/congress/auditevent/add/").status_code == 403
    client.post(f"/admin/congress/auditevent/{event.pk}/change/", {"action": "forged"})
    assert AuditEvent.objects.get(pk=event.pk).action == "test.searchable"


def test_a_unit_handler_cannot_read_the_trail(client):
    from congress.tests.factories import OrganizationFactory, unit_user

    audit_record(action="test.private")
    client.force_login(unit_user(OrganizationFactory()))
    assert client.get("/admin/congress/auditevent/").status_code == 403


def test_an_events_title_is_in_the_districts_time():
    event = AuditEvent(at=datetime(2026, 11, 28, 6, 33, 57, tzinfo=UTC), action="auth.login", actor_name="deputy")
    assert str(event) == "2026-11-28 14:33:57 auth.login deputy"
