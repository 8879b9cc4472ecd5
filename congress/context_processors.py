from congress.registry import registry


def portal(request):
    """Navigation entries contributed by the apps (congress.registry)."""
    return {"nav_items": registry.nav_items}
