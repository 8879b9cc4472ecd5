from congress.registry import registry
from congress.roles import Role


def portal(request):
    """Navigation entries contributed by the apps (congress.registry), and the links to the
    logged-in user's own work pages for the roles they hold, and their unread notices."""
    user = getattr(request, "user", None)
    links, unread = [], 0
    if user is not None and user.is_authenticated:
        from congress.selectors import notices_unread_count

        unread = notices_unread_count(user=user)
        roles = set(user.roles)
        if user.is_superuser:
            roles.add(Role.STAFF.value)
        links = [link for link in registry.account_links if link.roles & roles]
    context = {"nav_items": registry.nav_items, "account_links": links, "unread_notices": unread}
    if getattr(request, "page_cache_rendering", False):
        # A cached public page is the same for every reader: its forms get each reader's own
        # CSRF token when served (congress.pagecache), never the first reader's.
        from congress.pagecache import CSRF_PLACEHOLDER

        context["csrf_token"] = CSRF_PLACEHOLDER
    return context
