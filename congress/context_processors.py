from django.urls import NoReverseMatch

from congress.links import fixed_url
from congress.preferences import care_mode_on
from congress.registry import registry
from congress.roles import Role


def _current_nav(request) -> str:
    """The navigation entry the page belongs to (the longest matching prefix), for aria-current."""
    path = getattr(request, "path", "")
    best, best_len = "", 0
    for url_name in ["home", *[item.url_name for item in registry.nav_items]]:
        try:
            target = fixed_url(url_name)
        except NoReverseMatch:
            continue
        matches = path == target if url_name == "home" else path.startswith(target)
        if matches and len(target) > best_len:
            best, best_len = url_name, len(target)
    return best


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
    context = {"nav_items": registry.nav_items, "account_links": links, "unread_notices": unread,
               "current_nav": _current_nav(request), "care_mode": care_mode_on(request)}
    if getattr(request, "page_cache_rendering", False):
        # A page rendered for the cache writes a placeholder where a form's CSRF token would be:
        # congress.pagecache then renders it for each reader instead of caching one reader's token.
        from congress.pagecache import CSRF_PLACEHOLDER

        context["csrf_token"] = CSRF_PLACEHOLDER
    return context
