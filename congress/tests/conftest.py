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

