"""The one way a server-rendered page runs a service. Views validate input with a form, call a
service through these helpers and render; a `DomainError` lands on the form field it names (or
as a message at the top of the form) with its status — 400 bad input, 403 a role that may never
do this, 409 a state conflict — and the page is shown again with what the user typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from congress.audit import record_if_refused
from congress.errors import DomainError, NotPermitted


def _target(redirect_to, result):
    return redirect_to(result) if callable(redirect_to) else redirect_to


def refuse_on_form(form: django_forms.BaseForm, error: DomainError) -> None:
    """Put a service's refusal on the field it names, or on the whole form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _ask_for_files_again(request, form: django_forms.BaseForm) -> None:
    # Browsers never refill a file input after a round trip, so the page says so next to it.
    for name, field in form.fields.items():
        if isinstance(field, django_forms.FileField) and request.FILES.get(form.add_prefix(name)):
            note = _("Choose the file again: browsers do not keep a chosen file when a page is sent back.")
            field.help_text = f"{field.help_text} {note}".strip() if field.help_text else note


def form_page(request, *, form: django_forms.BaseForm, template: str, call: Callable[[dict], Any],
              success: str, redirect_to, context: dict | None = None,
              guard: Callable[[Any], None] | None = None) -> HttpResponse:
    """GET: the page with `form`. POST: ask `guard(user)` (one of congress.guards) first, if given,
    so that a role that may never do this is refused (403) before its input is judged; validate
    `form` (400 with its errors); then run `call(form.cleaned_data)` — a service — and on success
    add `success` as a message and redirect to `redirect_to` (a URL, or a callable given the
    service's result); on a DomainError show it on the form with the error's status and keep the
    input."""
    status = 200
    if request.method == "POST" and guard is not None:
        try:
            guard(request.user)
        except DomainError as error:
            # About who asks, not what they typed: said above the page, the form left unjudged.
            record_if_refused(error, request=request)
            messages.error(request, error.message)
            return render(request, template, {**(context or {}), "form": form}, status=error.status_code)
    if request.method == "POST":
        if form.is_valid():
            try:
                result = call(form.cleaned_data)
            except DomainError as error:
                record_if_refused(error, request=request)
                refuse_on_form(form, error)
                status = error.status_code
            else:
                if success:
                    messages.success(request, success)
                return redirect(_target(redirect_to, result))
        else:
            status = 400
        _ask_for_files_again(request, form)
    return render(request, template, {**(context or {}), "form": form}, status=status)


def perform(request, *, call: Callable[[], Any], success: str, redirect_to,
            refused: Callable[[int], HttpResponse] | None = None) -> HttpResponse:
    """A button with no fields (submit, confirm, withdraw…): run `call()`; on success add the
    message and redirect. On a DomainError show its message and either re-render the page with
    the error's status through `refused(status)` or, without it, go back to `redirect_to`."""
    try:
        result = call()
    except DomainError as error:
        record_if_refused(error, request=request)
        messages.error(request, error.message)
        if refused is not None:
            return refused(error.status_code)
        return redirect(_target(redirect_to, None))
    if success:
        messages.success(request, success)
    return redirect(_target(redirect_to, result))


def require(guard: Callable[..., Any], *args) -> Any:
    """Run a `congress.guards` guard for a page (a staff-only page, a deputy's own page): a
    NotPermitted becomes the 403 page with its message. Returns what the guard returns."""
    try:
        return guard(*args)
    except NotPermitted as error:
        raise PermissionDenied(error.message) from None
