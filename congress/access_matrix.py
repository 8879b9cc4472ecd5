"""The generated authorization matrix (a test helper, like congress.testing).

Every route of the URL configuration (site, API, back office) is requested as every role, on an
object of the user's own and on somebody else's where the route takes one, with each method it
may answer, and the outcome's class is compared with the table the route's app declares in
`<app>/tests/access.py`. A route without a declared expectation fails the test by name.

An app's `tests/access.py` holds:

- `ACCESS = {"<route name>": {"*": "403", "anonymous": "login", "deputy own": "ok", ...}}`: per
  route, outcome classes by key. A key is "*" or tokens separated by spaces, each a role
  (ROLES), an ownership ("own", "other", "missing") or a method ("GET", "POST", "PUT", "PATCH",
  "DELETE"); a case takes the value of the matching key with the most tokens (on a tie, a key
  naming a method wins, then the later key). A value is an outcome class (OUTCOMES) or several
  joined by "|" when either is right.
- `objects(world) -> {"<route name or glob>": Target(...)}`: builds the app's rows once per test
  and says which route kwargs reach which row: `Target(other={...}, own={"deputy": {...}})`.
  Admin routes need nothing: a row of the model (in and out of the role's scope) is found.

Every request runs in a savepoint that is rolled back, so the world is the same for each case;
the outcome "403" also covers a page that answered with a redirect after recording a refused
authorization (congress.audit.record_refusal)."""

from __future__ import annotations

import copy
import fnmatch
import importlib
import json
import re
import time
from dataclasses import dataclass, field
from unittest import mock
from urllib.parse import urlparse

ROLES = ("anonymous", "deputy", "member", "unit", "organ", "station", "staff", "superuser")
OUTCOMES = ("ok", "400", "login", "401", "403", "404", "405", "500")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Roles that may own rows (a deputy's suggestion, a unit's handling, a station's meeting).
OWNING_ROLES = ("deputy", "member", "unit", "organ", "station")
# Routes that are not pages of their own: the admin's bare "<object_id>/" redirects to the
# change page (checked under its own name) and its catch-all adds a slash or answers 404.
SKIPPED_ADMIN_VIEWS = ("django.views.generic.base", "catch_all_view")


@dataclass
class Route:
    name: str
    app: str
    kind: str  # "site", "api" or "admin"
    pattern: str
    params: tuple
    methods: tuple
    model: type | None = None
    custom: bool = False  # a back-office page the portal added itself (custom_admin_pages)


@dataclass
class Target:
    """The kwargs of a route: `other` (a row of nobody among the test users, or a dict role →
    kwargs), `own` (role → kwargs of that role's own row). Either may be empty."""

    other: dict | None = None
    own: dict = field(default_factory=dict)


@dataclass
class World:
    users: dict
    deputy: object = None
    member: object = None
    unit: object = None
    organ: object = None
    extra: dict = field(default_factory=dict)


@dataclass
class Result:
    cases: int = 0
    leaks: list = field(default_factory=list)
    mismatches: list = field(default_factory=list)
    undeclared: list = field(default_factory=list)
    unresolved: list = field(default_factory=list)
    observed: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)  # route name → time its requests took (to find slow pages)


# --- the routes ------------------------------------------------------------------------------------

def _walk(patterns, prefix="", namespace=None):
    from django.urls import URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        else:
            name = pattern.name
            full = f"{namespace}:{name}" if namespace and name else (name or "")
            yield prefix + str(pattern.pattern), full, pattern


def fill(pattern: str, kwargs: dict) -> str:
    """The path of a route's pattern with its kwargs (reverse() cannot tell apart the API routers'
    unnamespaced names from the site's: "deputy-detail" is both)."""
    used = set()

    def named(match):
        used.add(match.group(1))
        return str(kwargs[match.group(1)])

    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", named, pattern)
    path = re.sub(r"<(?:\w+:)?(\w+)>", named, path)
    # Unnamed groups (simple-history's "^([^/]+)/history/([^/]+)/$") take the other kwargs in order.
    rest = iter([str(value) for key, value in kwargs.items() if key not in used])
    path = re.sub(r"\((?!\?)[^)]*\)", lambda m: next(rest), path)
    return "/" + path.replace("^", "").replace("$", "")


def _api_methods(callback) -> tuple:
    actions = getattr(callback, "actions", None)
    if actions:
        return tuple(m.upper() for m in METHODS if m.lower() in actions)
    cls = getattr(callback, "cls", None)
    return tuple(m for m in METHODS if cls is not None and hasattr(cls, m.lower()))


def _admin_models() -> dict:
    from django.contrib import admin

    return {f"admin:{model._meta.app_label}_{model._meta.model_name}_": model for model in admin.site._registry}


def _url_names(patterns) -> set[str]:
    return {name for name in (getattr(pattern, "name", None) for pattern in patterns) if name}


def custom_admin_pages() -> set[str]:
    """The back-office pages the portal adds itself, by route name: the URLs a `get_urls()` of the
    portal's own code (an admin.py, the admin site) adds to those of the classes it extends
    (Django's, import-export's, simple-history's). Their checks are their own, not the model
    permissions' that guard the admin's standard pages."""
    from django.conf import settings
    from django.contrib import admin

    portal = {"congress", *settings.DOMAIN_APPS}
    names = set()
    for owner in [admin.site, *admin.site._registry.values()]:
        for cls in type(owner).__mro__:
            if "get_urls" in vars(cls) and cls.__module__.split(".")[0] in portal:
                added = _url_names(cls.get_urls(owner)) - _url_names(super(cls, owner).get_urls())
                names |= {f"{admin.site.name}:{name}" for name in added}
    return names


def portal_routes() -> list[Route]:
    """Every route of the URL configuration, by app. Format-suffix variants of the API's routers
    share their route's name and are checked through it."""
    from django.conf import settings
    from django.urls import get_resolver

    apps = set(settings.DOMAIN_APPS)
    admin_models = _admin_models()
    custom_pages = custom_admin_pages()
    routes: dict[str, Route] = {}
    for pattern, name, url in _walk(get_resolver().url_patterns):
        callback = url.callback
        params = tuple(url.pattern.regex.groupindex)
        if name.endswith("_simple_history") and not params:
            params = ("object_id", "version_id")  # simple-history's pattern has unnamed groups
        if "format" in params or (name == "api-root" and params):
            continue
        if pattern.startswith("admin/"):
            if not name or any(part in f"{callback.__module__}.{callback.__name__}" for part in SKIPPED_ADMIN_VIEWS):
                continue
            model = next((m for prefix, m in admin_models.items() if name.startswith(prefix)), None)
            label = model._meta.app_label if model is not None else "congress"
            app = label if label in apps else "congress"
            # The admin writes through POSTs to its add page and its list (actions); its other pages
            # check the same permissions on GET, so one method keeps the matrix fast. A page the
            # portal added may write on POST, and checks what it checks itself: both methods.
            custom = name in custom_pages
            methods = ("GET", "POST") if custom or name.endswith(("_add", "_changelist")) else ("GET",)
            routes[name] = Route(name, app, "admin", pattern, params, methods, model, custom)
            continue
        name = name or pattern
        if pattern.startswith("api/"):
            if ":" not in name:
                name = f"api:{name}"  # the routers' names are not namespaced; the site has a "deputy-detail" too
            app = name.split(":", 1)[0].removesuffix("-api")
            methods = _api_methods(callback) or ("GET", "POST")
            routes[name] = Route(name, app if app in apps else "congress", "api", pattern, params, methods)
        else:
            app = name.split(":", 1)[0] if ":" in name else "congress"
            routes[name] = Route(name, app if app in apps else "congress", "site", pattern, params, ("GET", "POST"))
    return sorted(routes.values(), key=lambda r: r.name)


def app_routes(app: str) -> list[Route]:
    return [route for route in portal_routes() if route.app == app]


# --- the world: one user per role ------------------------------------------------------------------

def build_world() -> World:
    """One login per role (and a superuser), each linked as the role needs: the deputy and the
    committee member to a Deputy, the unit handler to a department, the organ liaison to the
    procuratorate. Station staff are linked to a station by liaison's access table."""
    from django.contrib.auth.models import Group

    from congress.models import OrganizationKind
    from congress.roles import Role
    from congress.tests.factories import DeputyFactory, OrganizationFactory, UserFactory, deputy_user, staff_user

    deputy_login = deputy_user()
    member = DeputyFactory(is_committee_member=True)
    member_login = UserFactory(role=Role.COMMITTEE_MEMBER)
    member_login.groups.add(Group.objects.get(name=Role.DEPUTY.value))
    member_login.__dict__.pop("roles", None)
    member.user = member_login
    member.save(update_fields=["user"])
    unit = OrganizationFactory()
    organ = OrganizationFactory(kind=OrganizationKind.PROCURATORATE, name="区人民检察院（矩阵）")
    superuser = UserFactory(is_superuser=True, is_staff=True)
    users = {
        "anonymous": None,
        "deputy": deputy_login,
        "member": member_login,
        "unit": UserFactory(role=Role.UNIT_HANDLER, organization=unit),
        "organ": UserFactory(role=Role.ORGAN_LIAISON, organization=organ),
        "station": UserFactory(role=Role.STATION_STAFF),
        "staff": staff_user(),
        "superuser": superuser,
    }
    for user in users.values():
        if user is not None:
            user.__dict__.pop("roles", None)
    return World(users=users, deputy=deputy_login.deputy, member=member, unit=unit, organ=organ)


# --- expectations ----------------------------------------------------------------------------------

def expected(rule: dict, *, role: str, ownership: str, method: str) -> set[str]:
    """The outcome classes `rule` allows for one case (see the module's docstring)."""
    facts = {role, ownership, method}
    best, best_rank = None, None
    for position, (key, value) in enumerate(rule.items()):
        tokens = [] if key == "*" else key.split()
        if any(token not in facts for token in tokens):
            continue
        rank = (len(tokens), any(token in METHODS for token in tokens), position)
        if best_rank is None or rank > best_rank:
            best, best_rank = value, rank
    if best is None:
        raise KeyError(f"no key of the rule matches {role} {ownership} {method}")
    allowed = set(best.split("|"))
    if "ok" in allowed:
        allowed.add("400")  # a role that may post answers an empty form with what it lacks
    return allowed


def classify(response, *, refused: bool) -> str:
    from django.conf import settings
    from django.urls import reverse

    status = response.status_code
    if status >= 500:
        return "500"
    if refused or status == 403:
        return "403"
    if status in (400, 401, 404, 405):
        return str(status)
    if 300 <= status < 400:
        path = urlparse(response.get("Location", "")).path
        logins = (urlparse(str(settings.LOGIN_URL)).path, reverse("login"), reverse("admin:login"))
        if any(path.rstrip("/").endswith(login.rstrip("/")) for login in logins if login):
            return "login"
        # The back office answers a row it cannot find (or may not show) with a redirect to its
        # index and a "does not exist" message: a 404 in all but the status.
        return "404" if path == reverse("admin:index") else "ok"
    if 200 <= status < 300 or status in (409, 415):
        return "ok"
    return str(status)


# --- targets ---------------------------------------------------------------------------------------

def _admin_targets(route: Route, world: World) -> list[tuple[str, str, dict]]:
    """(role, ownership, kwargs) for an admin route: a row in the role's scope ("own") and one out
    of it ("other") where the model is scoped, else any row ("other"), else a missing pk."""
    model = route.model
    cases = []
    for role in ROLES:
        if "object_id" not in route.params:
            cases.append((role, "other", {}))
            continue
        manager = model._default_manager.order_by("pk")
        user = world.users[role]
        scoped = hasattr(manager.all(), "for_user") and role in OWNING_ROLES
        rows = []
        if scoped:
            own = manager.all().for_user(user)
            rows = [("own", own.first()), ("other", manager.exclude(pk__in=own.values("pk")).first())]
        else:
            rows = [("other", manager.first())]
        for ownership, row in rows:
            if row is None and any(r is not None for _o, r in rows):
                continue
            kwargs = {"object_id": str(row.pk) if row is not None else "0"}
            if "version_id" in route.params:
                history = getattr(row, "history", None) if row is not None else None
                latest = history.order_by("-history_id").first() if history is not None else None
                kwargs["version_id"] = str(latest.history_id) if latest is not None else "0"
            cases.append((role, ownership if row is not None else "missing", kwargs))
    return cases


def route_targets(route: Route, world: World, declared: dict) -> list[tuple[str, str, dict]] | None:
    """(role, ownership, kwargs) for each case of a route: its declared objects (the app's
    `tests/access.py`), the role's own and others'; None when a route with parameters declares none."""
    if route.kind == "admin" and route.model is not None:
        return _admin_targets(route, world)
    if not route.params:
        return [(role, "other", {}) for role in ROLES]
    target = declared.get(route.name) or next(
        (value for key, value in declared.items() if fnmatch.fnmatchcase(route.name, key)), None)
    if target is None:
        return None
    cases = []
    for role in ROLES:
        other = target.other.get(role) if isinstance(target.other, dict) and role in ROLES and any(
            key in ROLES for key in target.other) else target.other
        if other is not None:
            cases.append((role, "other", other))
        if role in target.own and target.own[role] is not None:
            cases.append((role, "own", target.own[role]))
    return cases


# --- running ---------------------------------------------------------------------------------------

def _request(client, method: str, url: str, kind: str):
    if kind == "api" and method in ("POST", "PUT", "PATCH"):
        return client.generic(method, url, data=json.dumps({}), content_type="application/json",
                              HTTP_ACCEPT="application/json")
    if kind == "api":
        return client.generic(method, url, HTTP_ACCEPT="application/json")
    if method == "POST":
        return client.post(url, data={})
    return client.generic(method, url)


# The back-office pages the committee office's staff is checked on: the model permissions' own pages.
# Its other pages (import, export, simple history) check the same permissions, and a superuser passes
# every check, so it is requested once per model (the list). The pages the portal added
# (custom_admin_pages) are requested by every role: their checks are their own.
STAFF_ADMIN_PAGES = ("changelist", "change", "add", "history", "delete")
SCOPED_ADMIN_ROLES = ("unit", "organ", "station")


def _methods(route: Route, role: str) -> tuple:
    """The methods a case is requested with (none: the case is not requested). The back office
    refuses a login without staff status before any view work (one GET says so); a page's GET and
    POST check the same model permission, so only the scoped back-office roles (unit, organ,
    station), whose writes out of scope would be leaks, also POST to the add page and the list
    (its actions). Staff and the superuser see every row: see STAFF_ADMIN_PAGES. A page the
    portal added (route.custom) may not be behind the back office's own refusal, nor need a model
    permission: every role requests it with each of its methods."""
    if route.kind != "admin":
        return route.methods
    if role in SCOPED_ADMIN_ROLES or route.custom:
        return route.methods
    if route.model is None or role not in ("staff", "superuser"):
        return ("GET",)
    page = route.name.removeprefix(f"admin:{route.model._meta.app_label}_{route.model._meta.model_name}_")
    if role == "superuser":
        return ("GET",) if page == "changelist" else ()
    return ("GET",) if page in STAFF_ADMIN_PAGES else ()


def _users_of(world: World):
    """A stand-in for django.contrib.auth.get_user: the session's user is a copy of the world's
    user (roles, groups and model permissions already read), not three or four queries per request.
    The world's logins do not change during a run: every request is rolled back."""
    from django.contrib.auth import SESSION_KEY
    from django.contrib.auth.models import AnonymousUser

    users = {user.pk: user for user in world.users.values() if user is not None}
    for user in users.values():
        user.__dict__.pop("roles", None)
        for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            user.__dict__.pop(cache, None)
        user.roles  # noqa: B018  (read once, kept in the instance)
        user.get_all_permissions()

    def get_user(request):
        try:
            user = users.get(int(request.session[SESSION_KEY]))
        except (KeyError, TypeError, ValueError):
            user = None
        return copy.copy(user) if user is not None else AnonymousUser()

    return get_user


class _Refusals:
    """Notices an auth.refused audit event written during a request (a post_save receiver: cheaper
    than querying the trail before and after each of thousands of requests)."""

    def __init__(self):
        self.seen = False

    def __call__(self, sender, instance, created, **kwargs):
        from congress.audit import Action

        if created and instance.action == Action.REFUSED:
            self.seen = True


def run_app(app: str, *, world: World, access: dict, targets: dict, draft: bool = False) -> Result:
    """Every route of `app` × role × ownership × method, each in a rolled-back savepoint."""
    from django.db import transaction
    from django.db.models.signals import post_save
    from django.test import Client, override_settings

    from congress.models import AuditEvent

    result = Result()
    refusals = _Refusals()
    post_save.connect(refusals, sender=AuditEvent, weak=False, dispatch_uid="access-matrix-refusals")
    # Signed-cookie sessions: no session row to read (and touch) on each of thousands of requests;
    # and each request's user is a copy of the world's, its roles and permissions read once.
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies"), \
            mock.patch("django.contrib.auth.get_user", _users_of(world)):
        try:
            clients = {}
            for role, user in world.users.items():
                client = Client(raise_request_exception=False)
                if user is not None:
                    client.force_login(user)
                    # The session's first request stamps its start: keep the cookie it answers with.
                    client.get("/accounts/password/done/")
                clients[role] = (client, dict(client.cookies.items()))
            _run_routes(app, clients, world=world, access=access, targets=targets, draft=draft,
                        result=result, refusals=refusals, atomic=transaction.atomic,
                        set_rollback=transaction.set_rollback)
        finally:
            post_save.disconnect(sender=AuditEvent, dispatch_uid="access-matrix-refusals")
    return result


def _run_routes(app, clients, *, world, access, targets, draft, result, refusals, atomic, set_rollback):
    for route in app_routes(app):
        rule = access.get(route.name) or ({"*": "|".join(OUTCOMES)} if draft else None)
        if rule is None:
            result.undeclared.append(route.name)
            continue
        cases = route_targets(route, world, targets)
        if cases is None:
            result.unresolved.append(route.name)
            continue
        for role, ownership, kwargs in cases:
            client, cookies = clients[role]
            url = fill(route.pattern, kwargs)
            for method in _methods(route, role):
                client.cookies.clear()
                client.cookies.update(cookies)  # a logout (or a session flush) must not end the role
                refusals.seen = False
                started = time.perf_counter()
                with atomic():
                    response = _request(client, method, url, route.kind)
                    set_rollback(True)
                result.seconds[route.name] = result.seconds.get(route.name, 0.0) + time.perf_counter() - started
                outcome = classify(response, refused=refusals.seen)
                result.cases += 1
                result.observed[(route.name, role, ownership, method)] = outcome
                allowed = expected(rule, role=role, ownership=ownership, method=method)
                if outcome not in allowed:
                    line = f"{route.name} [{role} {ownership} {method} {url}]: got {outcome}, declared " \
                           f"{'|'.join(sorted(allowed))} (HTTP {response.status_code})"
                    result.mismatches.append(line)
                    if outcome == "ok":
                        result.leaks.append(line)


def load_table(app: str):
    """The app's declared table: module `<app>.tests.access` (ACCESS, objects)."""
    return importlib.import_module(f"{app}.tests.access")


# --- writing a table from what was observed (a starting point for a new app, reviewed by hand) ------

def draft_rule(observed: dict) -> dict:
    """A compact rule reproducing `observed` {(role, ownership, method): outcome}."""
    from collections import Counter

    default = Counter(observed.values()).most_common(1)[0][0]
    rule = {"*": default}

    def uniform(cases):
        values = {observed[c] for c in cases}
        return values.pop() if len(values) == 1 else None

    methods = sorted({m for _r, _o, m in observed}, key=METHODS.index)
    for method in methods:
        value = uniform([c for c in observed if c[2] == method])
        if value is not None and value != default:
            rule[method] = value
    for role in ROLES:
        role_cases = [c for c in observed if c[0] == role]
        if not role_cases:
            continue
        value = uniform(role_cases)
        if value is not None:
            if expected(rule, role=role, ownership=role_cases[0][1], method=role_cases[0][2]) != {value} or any(
                    expected(rule, role=r, ownership=o, method=m) != {value} for r, o, m in role_cases):
                rule[role] = value
            continue
        for ownership in ("own", "other", "missing"):
            for method in methods:
                for case in [c for c in role_cases if c[1] == ownership and c[2] == method]:
                    if expected(rule, role=role, ownership=ownership, method=method) != {observed[case]}:
                        rule[f"{role} {ownership} {method}"] = observed[case]
    for (role, ownership, method), value in observed.items():
        if expected(rule, role=role, ownership=ownership, method=method) != {value}:
            rule[f"{role} {ownership} {method}"] = value
    return rule
