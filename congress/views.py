"""Public pages of the core registry and the account pages. Views validate, call a selector or
service, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import defaults
from django.views.decorators.http import require_POST

from congress import selectors, site
from congress.downloads import table_response, wants_download
from congress.forms import DeputySearchForm, OrganizationContactForm, SiteSearchForm
from congress.models import Deputy, OrganizationContact, Publication
from congress.pagecache import published_page
from congress.periods import local_date
from congress.registry import Figure, WorkItem, registry
from congress.scoping import get_for_user_or_404
from congress.services import notices_mark_read, organization_contact_update


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
    groups = []
    for kind in kinds:
        rows = kind.search(text)
        if selected is None:
            count = rows.count()
            groups.append({"kind": kind, "count": count, "rows": list(rows[:SEARCH_PREVIEW_ROWS]) if count else []})
        elif kind is selected:
            page = Paginator(rows, SEARCH_PAGE_ROWS).get_page(request.GET.get("page"))
            groups.append({"kind": kind, "count": page.paginator.count, "rows": page.object_list, "page": page})
        else:
            groups.append({"kind": kind, "count": rows.count(), "rows": []})
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


class LogoutView(auth_views.LogoutView):
    pass


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
def notice_list(request):
    page = Paginator(selectors.notices_for_user(user=request.user), 50).get_page(request.GET.get("page"))
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


def bad_request(request, exception=None):
    if _wants_json(request):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return defaults.bad_request(request, exception)
