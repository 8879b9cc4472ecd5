"""Fixtures shared by the core registry's tests."""

import pytest

from congress.roles import sync_role_groups


@pytest.fixture
def role_groups(db):
    """The role groups with the permissions the apps declare (normally written after migrate)."""
    sync_role_groups()


@pytest.fixture
def foundation_registry(monkeypatch):
    """Only the core registry's own contributions to the shared pages (navigation, home figures,
    profile sections), so the foundation's pages are tested apart from the domain apps."""
    from congress.registry import registry

    monkeypatch.setattr(registry, "nav_items", [n for n in registry.nav_items if ":" not in n.url_name])
    monkeypatch.setattr(registry, "home_figures", [f for f in registry.home_figures
                                                   if f.__module__.startswith("congress.")])
    monkeypatch.setattr(registry, "profile_sections", [s for s in registry.profile_sections
                                                       if s.template.startswith("congress/")])
    return registry



@pytest.fixture
def small_thresholds(settings, tmp_path):
    """Background imports from 6 rows on, 4 rows a chunk, private files in a temporary folder."""
    settings.IMPORT_BACKGROUND_ROWS = 5
    settings.IMPORT_JOB_CHUNK_ROWS = 4
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}}}


@pytest.fixture
def not_queued(monkeypatch):
    """The job's task is not sent (in a transactional test it would run at once, eagerly): the
    test runs the service itself, when it wants."""
    from congress import tasks

    monkeypatch.setattr(tasks.import_job_run_task, "delay", lambda **kwargs: None)
