from django.contrib import admin
from django.utils.translation import gettext_lazy as _


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

    def logout(self, request, extra_context=None):
        """Logging out of the back office ends every session and token of the user, as on the site."""
        if request.method == "POST" and request.user.is_authenticated:
            from congress.services import account_logout_everywhere

            account_logout_everywhere(user=request.user, ended_by=request.user)
        return super().logout(request, extra_context)
