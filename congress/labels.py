"""Choice labels read from a map built once per field and language.

Django's get_FOO_display() builds a dict of every choice of the field on each call, hashing each
lazy label, which is a translation lookup; a deputy's list of suggestions asks about sixty times per
page. A model whose labels long lists show takes ChoiceLabelsMixin: get_FOO_display() answers the
same, from a map built the first time a field is asked in a language; a list of `.values()` rows
labels them from choice_labels(field)."""

from __future__ import annotations

from django.utils.translation import get_language

_maps: dict[tuple, dict] = {}


def choice_labels(field) -> dict:
    """{stored value: label} of a model field's choices in the current language (a list of rows
    labels each row's value from it: `labels.get(row["state"], row["state"])`)."""
    key = (field, get_language())
    labels = _maps.get(key)
    if labels is None:
        labels = _maps[key] = {choice: str(label) for choice, label in field.flatchoices}
    return labels


class ChoiceLabelsMixin:
    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            return choice_labels(field).get(value, value)
        except TypeError:  # a value that cannot be a dict key (JSON): Django's own way
            return super()._get_FIELD_display(field)
