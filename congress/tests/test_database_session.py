"""The portal's PostgreSQL sessions run without JIT compilation: its queries are short, and a query
whose cost the planner overestimated was compiled for longer than it ran."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import connection

pytestmark = pytest.mark.django_db


def test_postgresql_sessions_do_not_compile_queries(requires_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.django_db(transaction=True)
def test_a_worker_keeps_its_connection_between_requests():
    """Opening a connection costs more than most pages' SQL: the end of a request (Django's
    request_finished) keeps a working connection for the next one."""
    connection.close()  # one opened now: a connection older than CONN_MAX_AGE is rightly let go
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    opened = connection.connection
    request_finished.send(sender=None)
    request_started.send(sender=None, environ={})
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert connection.connection is opened


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_dropped_is_opened_again_at_the_next_request(requires_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    connection.connection.close()  # as when PostgreSQL restarts between two requests
    request_finished.send(sender=None)
    request_started.send(sender=None, environ={})
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
