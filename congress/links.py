"""Links without arguments, reversed once per language, script prefix and URL configuration.

Every page's header links a dozen fixed pages (home, the sections, the account pages), and Django's
reverse() walks the resolver each time: tens of microseconds a link, and about 0.2 ms for the home
page under i18n_patterns. Their URLs change only with the language, the script prefix the site is
mounted under, or the URL configuration, so those are the memo's key. Templates use
`{% fixed_url 'name' %}` (congress.templatetags.portal); a URL with arguments still uses `{% url %}`."""

from __future__ import annotations

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def fixed_url(name: str) -> str:
    """The URL of the view named `name`, which takes no arguments (NoReverseMatch as reverse())."""
    return _reversed(name, get_language(), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=1024)
def _reversed(name: str, language: str | None, prefix: str, urlconf) -> str:
    return reverse(name, urlconf=urlconf)


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    # Tests override ROOT_URLCONF, LANGUAGES and the like; a stale link would point elsewhere.
    _reversed.cache_clear()
