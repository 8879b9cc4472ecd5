"""A publication killed half-way (kill -9 of the process running it, after the points snapshot
rows were written and before the transaction ended) leaves no publication and no snapshot row,
and publishing again succeeds. PostgreSQL only: the killed process's transaction is rolled back
by the server when its connection drops."""

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from congress.models import Publication
from congress.periods import Quarter
from congress.services import quarter_publish
from congress.testing import figures
from points.defaults import ensure_default_rules
from points.models import DeputyPointsSnapshot, DistrictPointsSnapshot, PointRule, PointRuleVersion
from points.tests.factories import small_district

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("requires_postgres")]

# The process registers one more publication part, after every app's, that says it has started
# and then waits to be killed: by then the points part has written its rows in the transaction.
WORKER = """
import sys, time, django
django.setup()
from congress.registry import registry
from congress.periods import Quarter
from congress.services import quarter_publish

def pause(publication):
    open(sys.argv[1], "w").write(str(publication.pk))
    time.sleep(120)

registry.publication_part("zz_killed_here", pause)
quarter_publish(quarter=Quarter(2020, 4))
"""


def test_a_publication_killed_half_way_leaves_nothing_and_a_rerun_succeeds(tmp_path):
    from congress.tests.factories import staff_user

    ensure_default_rules(PointRule, PointRuleVersion)
    rules = {rule.code: rule for rule in PointRule.objects.all()}
    small_district(rules, staff_user())
    marker = tmp_path / "started"
    db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "congress.settings",
           "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "PRIVATE_MEDIA_ROOT": str(tmp_path)}
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(marker)], env=env, cwd=settings.BASE_DIR)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert worker.poll() is None, "the publication process ended before it was killed"
            assert time.monotonic() < deadline, "the publication never reached its last part"
            time.sleep(0.2)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == -signal.SIGKILL
    figures.add("crashes survived")

    # The server rolls the dead connection's transaction back (give it a moment to notice).
    for _ in range(50):
        if not Publication.objects.exists():
            break
        time.sleep(0.2)
    assert Publication.objects.count() == 0
    assert DeputyPointsSnapshot.objects.count() == DistrictPointsSnapshot.objects.count() == 0

    publication = quarter_publish(quarter=Quarter(2020, 4), today=date(2021, 1, 20))
    assert (publication.quarter, publication.revision) == ("2020Q4", 1)
    assert DeputyPointsSnapshot.objects.filter(publication=publication).count() == 3
    assert Path(marker).read_text()  # the killed run had got as far as the last part
