"""Writes that a double click, a retry or a second user can repeat: the database decides, and a
lost race is a StateConflict (the API answers 409, a page shows the message), never a 500.

    with conflict_on("points_selfreport_one_open_per_activity"):
        report.save()

The block runs in a savepoint, so the caller's transaction stays usable after a lost race. Only
an IntegrityError of one of the named constraints becomes a conflict; any other one still raises
(it is a bug, not a race). The message is the constraint's `violation_error_message` unless one
is given. Works on PostgreSQL (the error names the constraint) and SQLite (matched by the
constraint's columns, or its name for CHECK constraints)."""

from __future__ import annotations

import contextlib
import re
from functools import cache

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from congress.errors import StateConflict

# Incremented for every race lost to a named constraint (read by the test suite's figures).
conflicts_seen = {"count": 0}


@cache
def _constraints() -> dict[str, tuple[type[models.Model], models.BaseConstraint]]:
    found = {}
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            found[constraint.name] = (model, constraint)
    return found


def _columns(model, constraint) -> set[str]:
    fields = getattr(constraint, "fields", ()) or ()
    return {f"{model._meta.db_table}.{model._meta.get_field(name).column}" for name in fields}


def constraint_of(error: IntegrityError, names) -> str | None:
    """The name (among `names`) of the constraint that refused a write, or None."""
    cause = error.__cause__
    diag = getattr(cause, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        return diag.constraint_name if diag.constraint_name in names else None
    text = str(error)
    match = re.search(r"UNIQUE constraint failed: (.+)$", text)
    failed = {column.strip() for column in match.group(1).split(",")} if match else set()
    for name in names:
        if name in text:
            return name
        known = _constraints().get(name)
        if failed and known and _columns(*known) == failed:
            return name
    return None


def is_unique_violation(error: IntegrityError) -> bool:
    """Whether a write was refused by a unique constraint or index (a duplicate), not by a check or
    a foreign key: for bulk writers that checked uniqueness first, so a duplicate at the insert is
    a race lost to another transaction, whichever of their unique rules it hit."""
    cause = error.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if code is not None:
        return code == "23505"  # PostgreSQL's unique_violation
    return "UNIQUE constraint failed" in str(error)


@contextlib.contextmanager
def conflict_on(*names: str, message=None, field: str | None = None):
    """Turn an IntegrityError of one of the named constraints into StateConflict(message, field)."""
    unknown = [name for name in names if name not in _constraints()]
    if unknown:
        raise LookupError(f"No constraint named {', '.join(unknown)}")
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        name = constraint_of(error, names)
        if name is None:
            raise
        conflicts_seen["count"] += 1
        constraint = _constraints()[name][1]
        own = constraint.violation_error_message != constraint.default_violation_error_message
        text = message or (constraint.violation_error_message if own else
                           _("This has just been done by another request; reload the page to see it."))
        raise StateConflict(text, field=field) from error
