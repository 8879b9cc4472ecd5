"""Import-export resources of the liaison network (stations, contact points, liaisons,
stationings) and exports of its records. Relations are named by natural keys."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from congress.importing import NameBesideKeyField, NaturalKeyWidget, PortalResource
from congress.models import Community, Deputy, Street
from liaison.models import ContactPoint, Liaison, LivelihoodIssue, Meeting, Reception, Station, StationedDeputy


class StationResource(PortalResource):
    street = fields.Field("street", "street", NaturalKeyWidget(Street, "name"))
    community = fields.Field("community", "community", NaturalKeyWidget(Community, "code"))

    class Meta(PortalResource.Meta):
        model = Station
        import_id_fields = ["name"]
        fields = ["name", "kind", "street", "community", "address", "opening_hours", "is_active", "order"]


class ContactPointResource(PortalResource):
    station = fields.Field("station", "station", NaturalKeyWidget(Station, "name"))

    class Meta(PortalResource.Meta):
        model = ContactPoint
        import_id_fields = ["station", "name"]
        fields = ["station", "name", "kind", "address", "is_active"]


class LiaisonResource(PortalResource):
    """Private contact details: the admin offers it to those who may see liaisons only."""

    station = fields.Field("station", "station", NaturalKeyWidget(Station, "name"))
    contact_point = fields.Field("contact_point", "contact_point", NaturalKeyWidget(ContactPoint, "name"))

    class Meta(PortalResource.Meta):
        model = Liaison
        fields = ["id", "station", "contact_point", "name", "phone", "address", "is_active", "note"]


class StationedDeputyResource(PortalResource):
    station = fields.Field("station", "station", NaturalKeyWidget(Station, "name"))
    deputy = fields.Field("deputy", "deputy_code", NaturalKeyWidget(Deputy, "code"))
    deputy_name = NameBesideKeyField("deputy", "deputy_code", "deputy_name")

    class Meta(PortalResource.Meta):
        model = StationedDeputy
        import_id_fields = ["station", "deputy", "start_date"]
        fields = ["station", "deputy", "deputy_name", "start_date", "end_date"]


class _ExportOnly(PortalResource):
    def import_data(self, *args, **kwargs):  # pragma: no cover - the admin offers no import
        raise ValidationError(_("These records are written by the services and cannot be imported."))


class MeetingResource(_ExportOnly):
    station = fields.Field("station__name", "station", readonly=True)

    class Meta(PortalResource.Meta):
        model = Meeting
        fields = ["id", "kind", "station", "held_on", "title", "venue", "status", "residents_present", "minutes"]
        export_order = fields


class ReceptionResource(_ExportOnly):
    station = fields.Field("station__name", "station", readonly=True)
    deputy = fields.Field("deputy__name", "deputy", readonly=True)

    class Meta(PortalResource.Meta):
        model = Reception
        fields = ["id", "station", "deputy", "received_on", "place", "residents_count", "summary"]
        export_order = fields


class LivelihoodIssueResource(_ExportOnly):
    station = fields.Field("station__name", "station", readonly=True)
    following_deputy = fields.Field("following_deputy__name", "following_deputy", readonly=True)

    class Meta(PortalResource.Meta):
        model = LivelihoodIssue
        fields = ["id", "station", "origin", "title", "public_title", "raised_on", "level", "following_deputy",
                  "status", "resolved_on", "resolution_note", "closed_on", "closed_reason"]
        export_order = fields
