"""The authorization matrix finds the back office's own pages (a get_urls() of the portal's code
adds them to Django's and the libraries' pages) by itself, and requests each of them as every role
with GET and POST: a new page cannot go unchecked, nor be checked for the refused roles only."""

from django.urls import path

from congress.access_matrix import ROLES, _methods, custom_admin_pages, portal_routes
from congress.admin import NoticeAdmin

OWN_PAGES = {"admin:congress_publication_publish", "admin:congress_importjob_progress",
             "admin:congress_importjob_progress_json"}


def test_the_back_offices_own_pages_are_found_and_requested_by_every_role_with_each_method():
    routes = {route.name: route for route in portal_routes() if route.custom}
    assert set(routes) >= OWN_PAGES
    assert not any(name.endswith(("_changelist", "_change", "_add", "_delete", "_history", "_import", "_export"))
                   for name in routes)
    for route in routes.values():
        assert {role: _methods(route, role) for role in ROLES} == dict.fromkeys(ROLES, ("GET", "POST"))


def test_a_page_a_model_admin_adds_is_found(monkeypatch):
    def get_urls(self):
        return [path("report/", self.changelist_view, name="congress_notice_report"),
                *super(NoticeAdmin, self).get_urls()]

    monkeypatch.setattr(NoticeAdmin, "get_urls", get_urls, raising=False)
    assert custom_admin_pages() == OWN_PAGES | {"admin:congress_notice_report"}
