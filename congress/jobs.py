"""Enqueue Celery tasks from services. A task runs only once the transaction that decided it has
committed (never a task about a row that was rolled back, never one that reads the row before it
exists), and it takes ids, not objects."""

from __future__ import annotations

from functools import partial

from django.db import transaction


def enqueue_after_commit(task, /, **kwargs) -> None:
    """`task.delay(**kwargs)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(task.delay, **kwargs))


def call_after_commit(fn, /, *args, **kwargs) -> None:
    """Run a plain callable (e.g. send_mail) once the current transaction commits."""
    transaction.on_commit(partial(fn, *args, **kwargs))
