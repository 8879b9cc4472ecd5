"""Shared test fixtures. Browser tests drive Playwright's sync API inside pytest's event loop,
which Django would refuse as "async unsafe" without this flag (set before Django loads)."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.db import connection  # noqa: E402

from congress.testing import figures, run_in_threads  # noqa: E402,F401  (run_in_threads kept importable here)


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    where = db.get("HOST") or db["NAME"]
    return f"database: {db['ENGINE'].rsplit('.', 1)[-1]} ({where})"


@pytest.fixture(autouse=True)
def _celery_eager(settings):
    """The Celery app read its config at import; make every test run tasks in-process."""
    from congress.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield


@pytest.fixture(autouse=True)
def _test_storages(settings, tmp_path):
    """Plain static files, and uploads (public and private) in a folder of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None}},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Every factory login hashes a password: the production hasher's million rounds would make
    that most of a test's time. Tests that are about hashing set their own hashers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's language: a request to an /en/ page leaves English active in
    the test's thread (LocaleMiddleware activates, nothing deactivates), and a later test's
    reverse() would then give /en/ URLs."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (cached pages, throttles): the database rolls back
    between tests, the local-memory cache would not."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _second_factor_on_force_login(request, monkeypatch):
    """`client.force_login(user)` of an account that reaches the back office (`is_staff`) also gives
    the session its second factor (a confirmed authenticator is made for the account when it has
    none), so the many tests that open back-office pages need not type codes. Tests marked
    `@pytest.mark.real_second_factor` keep Django's plain force_login and go through the code page
    like a person would. Logins through the login form never get this: they pass the code step
    (`congress.testing.fresh_totp_code`, `tests/browser/helpers.log_in`)."""
    if request.node.get_closest_marker("real_second_factor"):
        yield
        return
    from django.test.client import Client

    from congress.testing import second_factor_given

    plain_force_login = Client.force_login

    def force_login(self, user, backend=None):
        plain_force_login(self, user, backend)
        if user.is_staff:
            second_factor_given(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
    yield


@pytest.fixture
def requires_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (real row locks and concurrent transactions)")


@pytest.fixture
def security_figures():
    """The run's security figures (congress.testing.figures): `security_figures.add("race rounds")`."""
    return figures


# --- one run for everything: the browser journeys on one worker, beside the rest ------------------

def pytest_collection_modifyitems(config, items):
    """The browser journeys share one live server and one Chromium: with `--dist loadgroup` (make
    test) they go to one xdist worker as one unit, the largest, so it starts first, while the other
    worker takes the rest of the suite and both share what is left."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


# --- the one line of security figures at the end of every run (summed over xdist workers) ----------

def pytest_sessionfinish(session, exitstatus):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand the counters to the controller
        workeroutput["security_figures"] = (dict(figures.counts), dict(figures.order))


def pytest_testnodedown(node, error):
    output = getattr(node, "workeroutput", {}).get("security_figures")
    if output:
        figures.merge(*output)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if getattr(config, "workeroutput", None) is None:
        terminalreporter.write_line(figures.line())
