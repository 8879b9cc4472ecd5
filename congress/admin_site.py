from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import BadRequest
from django.utils.translation import gettext_lazy as _

# Date parts a list's filters and date hierarchy put in the address (`held_on__year=2020`), with
# the values a date can have. Django's admin hands them to the database as they come: a year of -1
# or of twenty digits broke the query (500) instead of being refused.
_DATE_PARTS = {"year": (1, 9999), "iso_year": (1, 9999), "quarter": (1, 4), "month": (1, 12), "day": (1, 31),
               "week": (1, 53), "week_day": (1, 7), "iso_week_day": (1, 7), "hour": (0, 23), "minute": (0, 59),
               "second": (0, 59)}


_LARGEST_INTEGER = 2**63 - 1  # of any integer column (SQLite's integers overflow beyond it)


def _too_large(value: str) -> bool:
    digits = value.strip().lstrip("+-")
    return digits.isdigit() and len(digits) >= 19 and int(digits) > _LARGEST_INTEGER


def unreadable_query(query) -> bool:
    """Whether a back-office address holds what no list can filter by: a NUL character (PostgreSQL
    refuses it in any text), a whole number larger than any integer column holds, or a date part
    out of its range."""
    for key, values in query.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return True
        # The search box is text (a 19-digit reference is a fair thing to look for); filters are not.
        if key != SEARCH_VAR and any(_too_large(value) for value in values):
            return True
        part = key.rsplit("__", 1)[-1] if "__" in key else ""
        if part in _DATE_PARTS:
            low, high = _DATE_PARTS[part]
            for value in values:
                try:
                    number = int(value)
                except ValueError:
                    continue  # not a number: the admin's own check refuses it
                if not low <= number <= high:
                    return True
    return False


class PortalAdminSite(admin.AdminSite):
    """The back office. Open to the back-office roles only (staff, unit handlers, organ liaisons,
    station staff); deputies and committee members use the public site."""

    site_header = _("District Congress Portal — back office")
    site_title = _("Back office")
    index_title = _("Back office")

    def has_permission(self, request) -> bool:
        """A back-office account whose session gave its second factor (congress.second_factor; the
        SecondFactorMiddleware sends an unverified session to the code page before it gets here)."""
        user = request.user
        return bool(user.is_active and user.is_staff and getattr(user, "is_back_office_user", False)
                    and user.is_verified())

    def admin_view(self, view, cacheable=False):
        """Every back-office page, ours and the libraries', first refuses an address it cannot read
        (unreadable_query) with the portal's 400 page."""
        guarded = super().admin_view(view, cacheable)

        def checked(request, *args, **kwargs):
            if unreadable_query(request.GET):
                raise BadRequest("unreadable back-office query")
            return guarded(request, *args, **kwargs)

        return update_wrapper(checked, guarded)

    def logout(self, request, extra_context=None):
        """Logging out of the back office ends every session and token of the user, as on the site."""
        if request.method == "POST" and request.user.is_authenticated:
            from congress.services import account_logout_everywhere

            account_logout_everywhere(user=request.user, ended_by=request.user)
        return super().logout(request, extra_context)
