"""The verification snippet shown on the open-data page, executed as printed against a running
server, recomputes every digest the API shows."""

import contextlib
import html
import io
import re
import urllib.request

import pytest

from congress.services import quarter_correct, quarter_publish
from congress.tests.factories import staff_user

from .conftest import Q1, Q2


@pytest.mark.django_db(transaction=True)
def test_the_snippet_on_the_page_recomputes_every_digest(district, live_server):
    quarter_publish(quarter=Q1)
    quarter_publish(quarter=Q2)
    quarter_correct(quarter=Q1, reason="更正数据", corrected_by=staff_user())
    page = urllib.request.urlopen(live_server.url + "/open-data/").read().decode()
    snippet = html.unescape(re.search(r'<code id="verify-snippet">(.*?)</code>', page, re.S).group(1))
    assert f'BASE = "{live_server.url}"' in snippet
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(snippet, "snippet", "exec"), {})  # noqa: S102 - the page's own snippet
    lines = output.getvalue().splitlines()
    assert len(lines) == 3
    assert all(line.endswith(" ok") for line in lines)
    from congress.models import Publication

    latest = Publication.objects.order_by("-sequence").first()
    assert latest.digest in page
    assert lines[-1].split()[2] == latest.digest
