"""A refused form on a long page says so at the top: grading without a grade comes back with the
site's error summary above the page (it was a line near the bottom, out of a phone's first
screen), naming the field and linking to its first choice."""

import re

import pytest
from django.urls import reverse

from congress.tests.factories import deputy_user
from suggestions.models import Evaluation
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db


def test_a_grade_without_a_choice_shows_the_summary_first(client):
    h = handling(stage="reply_submitted")
    client.force_login(deputy_user(h.suggestion.lead_deputy))
    response = client.post(reverse("suggestions:handling-step", args=[h.pk, "grade"]), {"stage": "reply"})
    page = response.content.decode()
    assert response.status_code == 400 and not Evaluation.objects.exists()
    summary = re.search(r'<div class="error-summary"[^>]*data-error-summary>(.*?)</div>', page, re.S)
    assert summary and page.index("data-error-summary") < page.index('class="facts card"')
    assert re.search(r'<a href="#id_grade_0">档次</a>：', summary.group(1)), summary.group(1)
    assert 'id="id_grade_0"' in page
