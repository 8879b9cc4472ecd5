"""Import-export of appointees (declarative). A session or meeting is named as
"<term>/<kind>/<number>", e.g. "1/standing_committee/9" (第一届常委会第九次会议)."""

from django.utils.translation import gettext as _
from import_export import fields, widgets

from appointees.models import Appointee, DutyReport
from congress.importing import NameBesideKeyField, NaturalKeyWidget, PortalResource
from congress.models import CongressSession, Organization


class SessionWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(CongressSession)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            term, kind, number = str(value).split("/")
            return CongressSession.objects.get(term__number=int(term), kind=kind, number=int(number))
        except (ValueError, CongressSession.DoesNotExist):
            raise ValueError(_("No session or meeting is “%(value)s” (write term/kind/number, e.g. "
                               "1/standing_committee/9).") % {"value": value}) from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return f"{value.term.number}/{value.kind}/{value.number}"


class AppointeeResource(PortalResource):
    organization = fields.Field("organization", "organization", NaturalKeyWidget(Organization, "name"))
    session = fields.Field("session", "session", SessionWidget())

    class Meta(PortalResource.Meta):
        model = Appointee
        import_id_fields = ["code"]
        fields = ["code", "name", "position", "organization", "category", "mode", "body", "session",
                  "took_office", "left_office"]
        export_order = fields


class DutyReportResource(PortalResource):
    """Export only: reports are submitted by the organizations, through the services."""

    appointee = fields.Field("appointee", "appointee", NaturalKeyWidget(Appointee, "code"))
    appointee_name = NameBesideKeyField("appointee", "appointee", "appointee_name")

    class Meta(PortalResource.Meta):
        model = DutyReport
        fields = ["appointee", "appointee_name", "year", "submitted_at", "published_at"]
        export_order = fields
