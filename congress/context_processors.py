from congress.registry import registry
from congress.roles import Role


def portal(request):
    """Navigation entries contributed by the apps (congress.registry), and the links to the
    logged-in user's own work pages for the roles they hold."""
    user = getattr(request, "user", None)
    links = []
    if user is not None and user.is_authenticated:
        roles = set(user.roles)
        if user.is_superuser:
            roles.add(Role.STAFF.value)
        links = [link for link in registry.account_links if link.roles & roles]
    return {"nav_items": registry.nav_items, "account_links": links}
