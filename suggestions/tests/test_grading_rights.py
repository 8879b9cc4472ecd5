"""A grade is entered by the lead deputy, or by staff for them (recorded); nobody else."""

import pytest

from congress.errors import DomainError
from congress.tests.factories import DeputyFactory, deputy_user, unit_user
from suggestions import services
from suggestions.models import Evaluation
from suggestions.tests.factories import handling

pytestmark = pytest.mark.django_db


def test_a_deputy_cannot_grade_a_suggestion_they_do_not_lead():
    h = handling(stage="reply_submitted")
    cosigner = DeputyFactory()
    deputy_user(cosigner)
    h.suggestion.cosignatures.create(deputy=cosigner)  # co-signed before it was assigned
    for user in (deputy_user(), cosigner.user, unit_user(h.organization)):
        with pytest.raises(DomainError, match="只有本建议的领衔代表"):
            services.handling_grade(handling=h, stage="reply", grade="A+", entered_by=user)
    assert not Evaluation.objects.filter(handling=h, stage="reply").exists()


def test_the_lead_deputy_grades_in_their_own_name():
    h = handling(stage="reply_submitted")
    login = deputy_user(h.suggestion.lead_deputy)
    evaluation = services.handling_grade(handling=h, stage="reply", grade="A+", entered_by=login)
    assert (evaluation.entered_by, evaluation.on_behalf_of_deputy, evaluation.grade) == (login, False, "A+")
