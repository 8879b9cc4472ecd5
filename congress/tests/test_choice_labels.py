"""A model with ChoiceLabelsMixin names a stored choice as Django would, in the language current
when it is asked (the label map is built once per field and language, not once per call)."""

import pytest
from django.db import models
from django.utils import translation

from congress.labels import ChoiceLabelsMixin, choice_labels
from suggestions.models import Handling, HandlingState, Suggestion, SuggestionState

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("state", list(SuggestionState))
def test_every_state_is_named_as_django_names_it(language, state):
    suggestion = Suggestion(state=state)
    with translation.override(language):
        assert suggestion.get_state_display() == models.Model._get_FIELD_display(
            suggestion, Suggestion._meta.get_field("state"))
        assert suggestion.get_state_display() == str(state.label)


def test_the_same_field_is_named_in_each_language_asked():
    handling = Handling(state=HandlingState.EVALUATED)
    with translation.override("zh-hans"):
        chinese = handling.get_state_display()
    with translation.override("en"):
        english = handling.get_state_display()
    with translation.override("zh-hans"):
        assert handling.get_state_display() == chinese
    assert chinese != english
    assert choice_labels(Handling._meta.get_field("state"))[HandlingState.EVALUATED] == chinese


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Suggestion(state="no-such-state").get_state_display() == "no-such-state"


def _labelled_fields():
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, ChoiceLabelsMixin):
            for field in model._meta.concrete_fields:
                if field.choices:
                    yield pytest.param(model, field, id=f"{model._meta.label}.{field.name}")


@pytest.mark.parametrize(("model", "field"), list(_labelled_fields()))
def test_every_model_with_the_map_names_each_choice_as_django_does(model, field):
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for value, _label in field.flatchoices:
                row = model(**{field.attname: value})
                assert getattr(row, f"get_{field.name}_display")() == models.Model._get_FIELD_display(row, field)
