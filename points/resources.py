"""Import-export resources of the points ledger. Rules import and export; a rule's values import
as new versions only (a version that exists is never changed); the ledger is export-only, so no
file can edit an entry."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from congress.importing import NaturalKeyWidget, PortalResource
from congress.models import Deputy
from points.models import LedgerEntry, PointRule, PointRuleVersion


class PointRuleResource(PortalResource):
    class Meta(PortalResource.Meta):
        model = PointRule
        import_id_fields = ["code"]
        fields = ["code", "name", "description", "self_reportable", "is_active", "order"]


class PointRuleVersionResource(PortalResource):
    rule = fields.Field("rule", "rule", NaturalKeyWidget(PointRule, "code"))

    class Meta(PortalResource.Meta):
        model = PointRuleVersion
        import_id_fields = ["rule", "effective_from"]
        fields = ["rule", "effective_from", "points"]

    def save_instance(self, instance, is_create, row, **kwargs):
        if not is_create:
            raise ValidationError(_("The value of %(rule)s from %(day)s is already recorded and cannot be changed; "
                                    "add a version with a new date instead.")
                                  % {"rule": instance.rule, "day": instance.effective_from})
        return super().save_instance(instance, is_create, row, **kwargs)


class LedgerEntryResource(PortalResource):
    """Export only (the admin offers no import of the ledger)."""

    deputy = fields.Field("deputy", "deputy_code", NaturalKeyWidget(Deputy, "code"))
    deputy_name = fields.Field("deputy__name", "deputy_name", readonly=True)
    rule = fields.Field("rule", "rule", NaturalKeyWidget(PointRule, "code"))

    class Meta(PortalResource.Meta):
        model = LedgerEntry
        fields = ["id", "deputy", "deputy_name", "rule", "occurred_on", "points", "kind", "status", "reason",
                  "reverses", "created_at", "decided_at"]
        export_order = fields

    def import_data(self, *args, **kwargs):  # pragma: no cover - defence in depth
        raise ValidationError(_("The ledger cannot be imported."))
