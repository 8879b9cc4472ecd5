"""Fixtures shared by the core registry's tests."""

import pytest

from congress.roles import sync_role_groups


@pytest.fixture
def role_groups(db):
    """The role groups with the permissions the apps declare (normally written after migrate)."""
    sync_role_groups()
