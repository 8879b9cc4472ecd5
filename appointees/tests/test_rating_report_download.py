"""The printable report's "Download as Excel" gives the results as a workbook (it gave the report
page again), the same rows as the results page's own download."""

import re

import pytest
from django.urls import reverse

from appointees.services import rating_session_close

pytestmark = pytest.mark.django_db


def test_the_reports_excel_link_downloads_a_workbook(client, open_session, staff):
    rating_session_close(session=open_session, closed_by=staff)
    page = client.get(reverse("appointees:rating-report", args=[open_session.pk])).content.decode()
    link = re.search(r'<a href="([^"]+)" download>', page).group(1).replace("&amp;", "&")
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert response.content[:2] == b"PK"
