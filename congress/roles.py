"""The roles of SPEC §0. A role is a Django group of the same name; its model permissions are
declared by each app's AppConfig.role_permissions and written by `sync_role_groups` after every
migrate. *Which* records a role reaches is decided by the querysets' for_user(), not here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("committee office staff")
    UNIT_HANDLER = "unit_handler", _("handling unit liaison")
    ORGAN_LIAISON = "organ_liaison", _("1+3 organ liaison")
    STATION_STAFF = "station_staff", _("liaison station staff")
    DEPUTY = "deputy", _("deputy")
    COMMITTEE_MEMBER = "committee_member", _("standing committee member")


# Roles that work in the back office (Django admin). Deputies and committee members use the
# public site only.
BACK_OFFICE_ROLES = frozenset({Role.STAFF, Role.UNIT_HANDLER, Role.ORGAN_LIAISON, Role.STATION_STAFF})


def sync_role_groups(sender=None, **kwargs) -> None:
    """Create one group per role and give it exactly the permissions the apps declare.
    Staff get every permission of the portal's own apps and of the registries they keep."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    if sender is not None:
        # After a migrate, once, at the last app's signal; and with every app's permissions created
        # first: auth creates an app's permissions after this receiver ran for that app, so on a
        # fresh database the last apps' (django_celery_beat: the periodic tasks staff keep) would be
        # missing until the next migrate.
        configs = [config for config in apps.get_app_configs() if config.models_module is not None]
        if sender is not configs[-1]:
            return
        for config in configs:
            create_permissions(config, verbosity=0, using=kwargs.get("using", "default"))

    declared: dict[str, set[str]] = {role.value: set() for role in Role}
    portal_labels = {"congress"}
    for config in apps.get_app_configs():
        for role, perms in getattr(config, "role_permissions", {}).items():
            declared[str(role)].update(perms)
        if getattr(config, "is_portal_app", False):
            portal_labels.add(config.label)

    staff_perms = Permission.objects.filter(content_type__app_label__in=portal_labels | {"django_celery_beat"})
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        if role == Role.STAFF:
            group.permissions.set(staff_perms)
            continue
        wanted = []
        for dotted in sorted(declared[role.value]):
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)
