"""The portal's PostgreSQL sessions run without JIT compilation: its queries are short, and a query
whose cost the planner overestimated was compiled for longer than it ran."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_postgresql_sessions_do_not_compile_queries(requires_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
