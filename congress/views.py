"""Public pages of the core registry and the account pages. Views validate, call a selector or
service, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from congress import selectors, site
from congress.accounts import login_landing
from congress.downloads import table_response, wants_download
from congress.forms import DeputySearchForm, OrganizationContactForm, SiteSearchForm
from congress.middleware import second_factor_exempt
from congress.models import Deputy, OrganizationContact, Publication
from congress.pagecache import published_page
from congress.paging import keyset_page
from congress.periods import local_date
from congress.registry import Figure, WorkItem, registry
from congress.scoping import get_for_user_or_404
from congress.search import search_groups
from congress.services import account_logout_everywhere, notices_mark_read, organization_contact_update
from congress.services import notice_open as notice_open_service


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links to: the portal's icon (its hashed name
    in production, so resolved per request, not when the URLs load)."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def public_year(request) -> int:
    """The year a public page shows: ?year=, else the year of the latest publication, else now."""
    raw = request.GET.get("year", "")
    if raw.isdigit() and 1990 <= int(raw) <= 2999:
        return int(raw)
    latest = Publication.objects.order_by("-quarter").values_list("quarter", flat=True).first()
    return int(latest[:4]) if latest else local_date(timezone.now()).year


def registry_home_figures(year: int) -> list[Figure]:
    counts = selectors.registry_counts()
    return [
        Figure(_("Streets"), str(counts["streets"]), how=_("Streets of the district in the registry.")),
        Figure(_("Communities"), str(counts["communities"]), how=_("Communities of the district in the registry.")),
        Figure(_("Serving deputies"), str(counts["deputies"]), url=reverse("deputy-list"),
               how=_("Deputies in the registry whose status is serving.")),
    ]


@published_page(params=("year",))  # every app's home figures: every topic
def home(request):
    year = public_year(request)
    figures = [figure for fn in registry.home_figures for figure in fn(year)]
    return render(request, "congress/home.html", {"year": year, "figures": figures})


DIRECTORY_COLUMNS = [
    ("code", gettext_lazy("Deputy number")), ("name", gettext_lazy("Name")), ("gender", gettext_lazy("Gender")),
    ("street", gettext_lazy("Street delegation")), ("community", gettext_lazy("Community")),
    ("occupation", gettext_lazy("Occupation")), ("status", gettext_lazy("Status")),
]


def deputy_directory_row(deputy: Deputy) -> dict:
    """One row of the directory's download: the public fields a list row shows."""
    return {"code": deputy.code, "name": deputy.name, "gender": deputy.get_gender_display(),
            "street": deputy.street.name, "community": deputy.community.name if deputy.community else "",
            "occupation": deputy.occupation, "status": deputy.get_status_display()}


SEARCH_PREVIEW_ROWS = 5
SEARCH_PAGE_ROWS = 20


def search(request):
    """The site search over every registered kind of public row: per kind a count and the first
    rows, or one kind's rows page by page (?kind=). Two queries per kind, whatever the data size."""
    kinds = registry.search_kinds
    form = SiteSearchForm(request.GET or None, kinds=kinds)
    context = {"form": form, "q": "", "groups": [], "selected": None}
    if request.GET and not form.is_valid():
        return render(request, "congress/search.html", context, status=400)
    text = form.cleaned_data["q"] if request.GET else ""
    if not text:
        return render(request, "congress/search.html", context)
    selected = next((kind for kind in kinds if kind.name == form.cleaned_data["kind"]), None)
    groups = search_groups(text=text, selected=selected, page_number=request.GET.get("page"),
                           preview_rows=SEARCH_PREVIEW_ROWS, page_rows=SEARCH_PAGE_ROWS)
    context.update(q=text, groups=groups, selected=selected, total=sum(g["count"] for g in groups))
    return render(request, "congress/search.html", context)


@published_page(topics=("registry",), params=("q", "street", "page", "format"),
                skip=lambda request: bool(request.GET.get("q", "").strip()))
def deputy_list(request):
    form = DeputySearchForm(request.GET or None, streets=selectors.streets_for_filter())
    text, street_id = "", None
    if form.is_valid():
        text, street_id = form.cleaned_data["q"] or "", form.cleaned_data["street"]
    deputies = selectors.deputy_directory(text=text, street_id=street_id)
    fmt = wants_download(request)
    if fmt:
        return table_response(rows=(deputy_directory_row(d) for d in deputies), columns=DIRECTORY_COLUMNS,
                              filename="deputies", fmt=fmt)
    page = Paginator(deputies, 40).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "congress/deputy_list.html", {"form": form, "page": page, "query": query.urlencode()})


@published_page()  # every app's profile section: every topic
def deputy_detail(request, pk: int):
    try:
        deputy = selectors.deputy_get_public(pk=pk)
    except Deputy.DoesNotExist:
        raise Http404 from None
    sections = [(section.template, section.context(deputy)) for section in registry.profile_sections]
    return render(request, "congress/deputy_detail.html", {"deputy": deputy, "sections": sections})


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        return login_landing(user=self.request.user, next_url=self.get_redirect_url())


class LogoutView(auth_views.LogoutView):
    """Logging out ends every session of the user on every device, and their API token."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            account_logout_everywhere(user=request.user, ended_by=request.user)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"
    title = gettext_lazy("Password changed")


def notice_work_items(user, deputy) -> list[WorkItem]:
    unread = selectors.notices_unread_count(user=user)
    return [WorkItem(90, _("Unread notices"), unread, reverse("notice-list"))] if unread else []


@login_required
def my_work(request):
    """What awaits the logged-in user across the apps (each app's registry.work_item), each with
    the page where they act; a deputy's home. Nothing of any other deputy is read."""
    deputy = selectors.deputy_of_user(user=request.user)
    items = sorted((item for fn in registry.work_items for item in fn(request.user, deputy)),
                   key=lambda item: item.order)
    return render(request, "congress/my_work.html", {"deputy": deputy, "items": items})


@login_required
def my_unit_contact(request):
    contacts = OrganizationContact.objects.for_user(request.user).order_by("organization__order")
    return render(request, "congress/my_unit.html", {"contacts": contacts})


@login_required
def unit_contact_edit(request, pk: int):
    contact = get_for_user_or_404(OrganizationContact.objects.all(), request.user, pk=pk)
    initial = {f: getattr(contact, f) for f in ("contact_person", "phone", "email", "address")}
    return site.form_page(
        request, form=OrganizationContactForm(request.POST or None, initial=initial),
        template="congress/unit_contact_form.html", context={"contact": contact},
        call=lambda data: organization_contact_update(contact=contact, editor=request.user, **data),
        success=_("The contact sheet was saved."), redirect_to=reverse("my-unit"))


@login_required
@require_POST
def notices_read(request):
    count = notices_mark_read(user=request.user)
    messages.success(request, ngettext("%(count)s notice marked as read.", "%(count)s notices marked as read.",
                                       count) % {"count": count})
    return redirect("notice-list")


@login_required
@require_GET
def notice_open(request, pk: int):
    """Open a notice from the list: it is marked read and the reader goes where it points."""
    notice = get_object_or_404(selectors.notices_for_user(user=request.user), pk=pk)
    notice_open_service(notice=notice)
    # The services write local paths; anything else goes back to the list rather than off the site.
    local = notice.link.startswith("/") and url_has_allowed_host_and_scheme(notice.link,
                                                                             allowed_hosts={request.get_host()})
    return redirect(notice.link if local else reverse("notice-list"))


@login_required
def notice_list(request):
    """A user's notices and their unit's, newest first, by cursor: a unit's reminders gather for years."""
    page = keyset_page(selectors.notices_for_user(user=request.user), ordering=("-pk",), request=request,
                       per_page=50, count=False)
    return render(request, "congress/notice_list.html", {"page": page, "back": reverse("home")})


# --- error pages: the API answers in JSON even where no API view was reached -------------------------

def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception=None):
    """404: JSON under /api/ (a URL no route matches, e.g. a malformed id), the site's page elsewhere."""
    if _wants_json(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _wants_json(request):
        return JsonResponse({"detail": _("Server error: the office has been told. Please try again later.")},
                            status=500)
    return defaults.server_error(request)


def permission_denied(request, exception=None):
    """403: JSON under /api/, elsewhere the site's page with the refusal's own message (the
    services and guards write it for the reader, e.g. "only committee members take part")."""
    if _wants_json(request):
        return JsonResponse({"detail": str(exception or "") or _("You may not do this.")}, status=403)
    return defaults.permission_denied(request, exception)


def bad_request(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return defaults.bad_request(request, exception)


# --- the second factor of back-office accounts (congress.second_factor) --------------------------

RECOVERY_CODES_SESSION_KEY = "congress_new_recovery_codes"


def _next_url(request) -> str:
    """Where to go once the second factor is given: a local `next`, else the back office."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only: redirect() would take a bare word ("abc") for a view's name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                 require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _with_next(request, url_name: str) -> str:
    from django.utils.http import urlencode

    return f"{reverse(url_name)}?{urlencode({'next': _next_url(request)})}"


def _session_verified(request, device) -> None:
    """The session has given its second factor: a new session key, as after the password."""
    import django_otp

    request.session.cycle_key()
    django_otp.login(request, device)


def _second_factor_account(request) -> None:
    from congress.second_factor import second_factor_allowed

    if not second_factor_allowed(request.user):
        raise PermissionDenied(_("Only accounts of the back office use a second factor."))


@second_factor_exempt
@never_cache
@login_required
def second_factor_verify_page(request):
    """After the password: a code of the authenticator app, or a recovery code."""
    from django_otp.plugins.otp_static.models import StaticDevice

    from congress.forms import SecondFactorCodeForm
    from congress.second_factor import has_authenticator, second_factor_verify

    _second_factor_account(request)
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not has_authenticator(request.user):
        return redirect(_with_next(request, "second-factor-setup"))
    recovery = request.GET.get("recovery") == "1" or request.POST.get("recovery") == "1"

    def verify(data):
        device = second_factor_verify(user=request.user, code=data["code"])
        _session_verified(request, device)
        if isinstance(device, StaticDevice):
            left = device.token_set.count()
            messages.warning(request, ngettext(
                "You used a recovery code: %(count)s is left. Make new ones on your security page.",
                "You used a recovery code: %(count)s are left. Make new ones on your security page.",
                left) % {"count": left})
        return device

    return site.form_page(
        request, form=SecondFactorCodeForm(request.POST or None, recovery=recovery),
        template="registration/second_factor_verify.html", call=verify, success="",
        redirect_to=lambda device: _next_url(request),
        context={"next": _next_url(request), "recovery": recovery})


@second_factor_exempt
@never_cache
@login_required
def second_factor_setup_page(request):
    """Enrolment: the QR code and the secret as text, confirmed with one code of the app."""
    from congress.forms import SecondFactorCodeForm
    from congress.second_factor import (
        has_authenticator,
        totp_device_begin,
        totp_device_confirm,
        totp_device_of,
        totp_qr_svg,
        totp_secret_text,
    )

    _second_factor_account(request)
    if has_authenticator(request.user):
        return redirect(_with_next(request, "second-factor-verify"))
    device = totp_device_begin(user=request.user)

    def confirm(data):
        codes = totp_device_confirm(user=request.user, code=data["code"])
        _session_verified(request, totp_device_of(request.user))
        request.session[RECOVERY_CODES_SESSION_KEY] = codes
        return codes

    return site.form_page(
        request, form=SecondFactorCodeForm(request.POST or None),
        template="registration/second_factor_setup.html", call=confirm,
        success=_("Your authenticator is set up. Keep your recovery codes now."),
        redirect_to=lambda codes: _with_next(request, "second-factor-recovery-codes"),
        context={"qr_svg": totp_qr_svg(device), "secret": totp_secret_text(device), "next": _next_url(request)})


def _verified_or_redirect(request):
    """Pages about the second factor itself need a session that gave it (every back-office account,
    including those the middleware does not stop outside the back office)."""
    _second_factor_account(request)
    if not request.user.is_verified():
        return redirect(f"{reverse('second-factor-verify')}?next={request.path}")
    return None


@never_cache
@login_required
def second_factor_status_page(request):
    """The account's security page: its authenticator, its recovery codes left, new codes."""
    from congress.second_factor import second_factor_status

    refused = _verified_or_redirect(request)
    if refused:
        return refused
    return render(request, "registration/second_factor_status.html",
                  {"status": second_factor_status(user=request.user)})


@never_cache
@login_required
def second_factor_recovery_codes_page(request):
    """New recovery codes, shown this once (they are read from the session and dropped)."""
    refused = _verified_or_redirect(request)
    if refused:
        return refused
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("second-factor")
    return render(request, "registration/second_factor_recovery_codes.html",
                  {"codes": codes, "next": _next_url(request)})


@never_cache
@login_required
@require_POST
def second_factor_recovery_codes_new(request):
    from congress.second_factor import recovery_codes_regenerate

    refused = _verified_or_redirect(request)
    if refused:
        return refused

    def regenerate():
        request.session[RECOVERY_CODES_SESSION_KEY] = recovery_codes_regenerate(user=request.user)

    return site.perform(request, call=regenerate,
                        success=_("New recovery codes were made; the old ones no longer work."),
                        redirect_to=f"{reverse('second-factor-recovery-codes')}?next={reverse('second-factor')}")


# --- open data (congress.opendata) -----------------------------------------------------------------

def _with_format(url: str, fmt: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}format={fmt}"


@published_page(topics=None)
def open_data(request):
    """Every public data set: formats, columns and their meaning, method, licence, the latest
    revision with its digest, and how to verify the chain."""
    from congress.opendata import licence, sealed_revisions

    data_sets = []
    for data_set in registry.data_sets:
        links = data_set.links()
        if links:
            links = {**links, "downloads": [(fmt.upper(), _with_format(links["download"], fmt))
                                            for fmt in ("csv", "xlsx", "json")]}
        data_sets.append({"set": data_set, "links": links})
    revisions = list(sealed_revisions()[:12])
    base = request.build_absolute_uri("/").rstrip("/")
    return render(request, "congress/open_data.html", {
        "data_sets": data_sets, "revisions": revisions, "latest": revisions[0] if revisions else None,
        "licence": licence(), "base": base,
        "quarterly": [d.key for d in registry.quarterly_data_sets()],
    })


@published_page(topics=("publication",))
def open_data_revision(request, quarter: str, revision: int, key: str, fmt: str):
    """One quarterly data set of one sealed revision, as CSV, XLSX or JSON (its JSON is part of
    the revision's canonical bytes)."""
    from congress.opendata import revision_data

    found = revision_data(quarter=quarter, revision=revision, key=key)
    if found is None or fmt not in ("csv", "xlsx", "json"):
        raise Http404
    publication, data_set, rows = found
    response = table_response(rows=rows, columns=[(c.key, c.header) for c in data_set.columns],
                              filename=f"{key}-{publication.quarter}-r{publication.revision}", fmt=fmt,
                              title=str(data_set.title))
    response["X-Publication-Digest"] = publication.digest
    return response
