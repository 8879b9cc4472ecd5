"""Links reversed once per language, script prefix and URL configuration.

Every page's header links a dozen fixed pages (home, the sections, the account pages), and Django's
reverse() walks the resolver each time: tens of microseconds a link, and about 0.2 ms for the home
page under i18n_patterns. Their URLs change only with the language, the script prefix the site is
mounted under, or the URL configuration, so those are the memo's key. Templates use
`{% fixed_url 'name' %}` (congress.templatetags.portal).

A list links each of its rows (`/suggestions/123/manage/`): `{% id_url 'name' row.pk %}` reverses the
route once with placeholder ids and fills in each row's, so thirty rows cost one reverse(). Only
for whole-number arguments; anything else (or a route whose pattern refuses the placeholder) goes
through reverse() as `{% url %}` would."""

from __future__ import annotations

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def fixed_url(name: str) -> str:
    """The URL of the view named `name`, which takes no arguments (NoReverseMatch as reverse())."""
    return _reversed(name, get_language(), get_script_prefix(), get_urlconf())


def id_url(name: str, *ids) -> str:
    """The URL of the view named `name` for these whole-number arguments (NoReverseMatch as reverse())."""
    if all(type(value) is int and value >= 0 for value in ids):
        shape = _shape(name, len(ids), get_language(), get_script_prefix(), get_urlconf())
        if shape is not None:
            return shape.format(*ids)
    return reverse(name, args=ids)


# Placeholders no real id or literal part of a portal URL contains.
_PLACEHOLDERS = (987_650_001, 987_650_002, 987_650_003)


@lru_cache(maxsize=1024)
def _shape(name: str, arity: int, language: str | None, prefix: str, urlconf) -> str | None:
    if arity > len(_PLACEHOLDERS):
        return None
    placeholders = [str(value) for value in _PLACEHOLDERS[:arity]]
    try:
        url = reverse(name, args=placeholders, urlconf=urlconf)
    except NoReverseMatch:
        return None
    shape = url.replace("{", "{{").replace("}", "}}")
    for index, placeholder in enumerate(placeholders):
        if shape.count(placeholder) != 1:
            return None
        shape = shape.replace(placeholder, f"{{{index}}}")
    return shape


@lru_cache(maxsize=1024)
def _reversed(name: str, language: str | None, prefix: str, urlconf) -> str:
    return reverse(name, urlconf=urlconf)


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    # Tests override ROOT_URLCONF, LANGUAGES and the like; a stale link would point elsewhere.
    _reversed.cache_clear()
    _shape.cache_clear()
