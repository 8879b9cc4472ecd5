"""Every page of the site and the API, as each role, answers malformed query parameters with a page
or a 4xx, never a server error. Each route is first asked plainly (a route with path parameters
for each object its app's `tests/access.py` declares, the role's own and others'), noting which
query parameters it reads (forms and views alike); then each of those is sent with every
malformed value below.
The API's declared parameters are fuzzed by schemathesis as well (test_api_fuzz.py); this also
reaches the site's pages and whatever a view reads without declaring it. Every back-office list
(ours and the libraries') is sent its search, order, page, filters and its date fields' parts with
malformed values as well."""

import logging

import pytest
from django.conf import settings
from django.http import QueryDict
from django.test import Client

from congress.access_matrix import app_routes, build_world, fill, load_table, route_targets
from congress.testing import figures

APPS = ["congress", *settings.DOMAIN_APPS]
ROLES = ["anonymous", "deputy", "unit", "station", "staff"]
MALFORMED = ["-1", "99999999999999999999", "abc", "2025Q9", "2025-13-45", "\x00", "x" * 3000, "'\"<>&"]
# Not pages: leaving ends the session the next requests need.
SKIPPED = ("logout",)


def _reads(client: Client, path: str, monkeypatch) -> set[str]:
    """The query parameters a plain GET of `path` reads."""
    read: set[str] = set()
    with monkeypatch.context() as patch:
        for method in ("get", "__getitem__", "getlist", "__contains__"):
            original = getattr(QueryDict, method)

            def noting(self, key, *args, _original=original, **kwargs):
                if isinstance(key, str):
                    read.add(key)
                return _original(self, key, *args, **kwargs)

            patch.setattr(QueryDict, method, noting)
        client.get(path)
    return read - {"csrfmiddlewaretoken"}


class _Sent:
    """The malformed requests sent and the server errors they met, added to the run's figures."""

    def __init__(self):
        self.cases, self.failures = 0, []

    def each(self, client: Client, path: str, names, values, who: str = "") -> None:
        for name in sorted(names):
            for value in values:
                self.cases += 1
                status = client.get(path, {name: value}).status_code
                if status >= 500:
                    self.failures.append(f"{who}GET {path}?{name}={value[:20]!r}: {status}")

    def report(self) -> None:
        figures.add("page fuzz cases", self.cases)
        figures.add("page fuzz server errors", len(self.failures))
        assert self.cases, "no query parameter was found to send: the recording of what a page reads broke"
        assert not self.failures, "server errors:\n" + "\n".join(self.failures)


@pytest.mark.parametrize("app", APPS)
def test_no_malformed_query_parameter_makes_a_server_error(app, db, monkeypatch, caplog):
    world = build_world()
    declared = load_table(app).objects(world)
    routes = [route for route in app_routes(app)
              if route.kind != "admin" and "GET" in route.methods and not any(word in route.name for word in SKIPPED)]
    caplog.set_level(logging.CRITICAL, logger="django.request")  # the 4xx answers are expected
    clients = {}
    for role in ROLES:
        clients[role] = Client(raise_request_exception=False)
        if world.users[role] is not None:
            clients[role].force_login(world.users[role])
    sent = _Sent()
    for route in routes:
        for role, _ownership, kwargs in route_targets(route, world, declared) or []:
            if role in clients:
                path = fill(route.pattern, kwargs)
                sent.each(clients[role], path, _reads(clients[role], path, monkeypatch), MALFORMED, f"{role} ")
    sent.report()


BACK_OFFICE_MALFORMED = ["\x00", "-1", "9" * 20, "abc", "x" * 3000]


def _filter_names(model_admin) -> set[str]:
    """What a back-office list takes from its address: search, order, page, its filters' lookups and
    the date parts of its date fields (a list passes any local field's lookup to the database)."""
    from django.db import models

    names = {"q", "o", "p", "all"}
    for entry in model_admin.list_filter:
        if isinstance(entry, str):
            names.add(f"{entry}__exact")
        elif isinstance(entry, tuple) and isinstance(entry[0], str):
            names.add(f"{entry[0]}__exact")
        elif getattr(entry, "parameter_name", None):
            names.add(entry.parameter_name)
    for field in model_admin.model._meta.concrete_fields:
        if isinstance(field, models.DateField):
            names.update(f"{field.name}__{part}" for part in ("year", "month", "day"))
    return names


def test_no_malformed_back_office_filter_makes_a_server_error(db, client, caplog):
    from django.contrib import admin
    from django.urls import reverse

    client.force_login(build_world().users["superuser"])
    client.raise_request_exception = False
    caplog.set_level(logging.CRITICAL, logger="django.request")
    sent = _Sent()
    for model, model_admin in admin.site._registry.items():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        sent.each(client, url, _filter_names(model_admin), BACK_OFFICE_MALFORMED)
    sent.report()
