"""scripts/backup-check dumps the portal's PostgreSQL database, restores the dump into a scratch
database and reports every table's row count in both; it fails when a count differs."""

import importlib.util
import shutil
import subprocess
import sys
from importlib.machinery import SourceFileLoader
from pathlib import Path

import pytest
from django.db import connection

from congress.models import Community
from congress.tests.factories import CommunityFactory, DeputyFactory

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "backup-check"


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)  # pg_dump, another process, must see the rows
def test_the_dump_restores_with_every_tables_rows():
    if connection.vendor != "postgresql":
        pytest.skip("backup-check is for PostgreSQL; the tests run on SQLite here")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore are not installed")
    CommunityFactory.create_batch(3)
    DeputyFactory.create_batch(2)

    result = subprocess.run([sys.executable, str(SCRIPT), database_url()], capture_output=True, text=True,
                            timeout=300)

    assert result.returncode == 0, result.stdout + result.stderr
    lines = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.startswith("public.")}
    communities = str(Community.objects.count())
    assert lines["public.congress_community"] == [communities, communities, "ok"]
    assert lines["public.congress_deputy"] == ["2", "2", "ok"]
    assert "OK: the dump restores" in result.stdout
    with connection.cursor() as cursor:  # the scratch database is gone
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s",
                       [f"{connection.settings_dict['NAME']}_restore_check_%"])
        assert cursor.fetchone()[0] == 0


def test_a_table_that_differs_fails_the_check(capsys):
    loader = SourceFileLoader("backup_check", str(SCRIPT))
    script = importlib.util.module_from_spec(importlib.util.spec_from_loader("backup_check", loader))
    loader.exec_module(script)
    status = script.report("portal", {"public.a": 3, "public.b": 1}, {"public.a": 3}, 1000, None, 0.1)
    out = capsys.readouterr().out
    assert status == 1
    assert "public.b" in out and "DIFFERS" in out and "FAILED" in out
