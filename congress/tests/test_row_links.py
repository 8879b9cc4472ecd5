"""A list's row links ({% id_url %}, congress.links.id_url) are what reverse() gives, in either
language and under a script prefix, for any id; arguments that are not whole numbers go through
reverse() itself, errors included."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from congress.links import id_url

ROUTES = [("suggestions:manage", 1), ("suggestions:handling-detail", 1), ("liaison:topic-remove", 2)]
IDS = [0, 7, 42, 987_650_001, 123_456_789_012]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("name", "arity"), ROUTES)
def test_a_row_link_is_the_reversed_url(language, name, arity):
    with translation.override(language):
        for value in IDS:
            ids = [value + offset for offset in range(arity)]
            assert id_url(name, *ids) == reverse(name, args=ids)


def test_a_row_link_follows_the_script_prefix():
    with translation.override("en"):
        set_script_prefix("/renda/")
        try:
            assert id_url("suggestions:manage", 5) == "/renda/en/suggestions/manage/5/"
        finally:
            set_script_prefix("/")
        assert id_url("suggestions:manage", 5) == "/en/suggestions/manage/5/"


def test_other_arguments_go_through_reverse():
    with translation.override("zh-hans"):
        assert id_url("suggestions:step", 5, "submit") == reverse("suggestions:step", args=[5, "submit"])
        assert id_url("suggestions:manage", "5") == "/suggestions/manage/5/"
        with pytest.raises(NoReverseMatch):
            id_url("suggestions:manage", -1)
        with pytest.raises(NoReverseMatch):
            id_url("suggestions:manage", 1, 2)
        with pytest.raises(NoReverseMatch):
            id_url("no-such-page", 1)
