"""Import-export of the livelihood projects: a year's candidate projects import from the
government's list (by year and title, the lead unit by name); micro-projects export. Ballots,
receipts and counters have no resource: no file can write or read a vote."""

from import_export import fields

from congress.importing import NaturalKeyWidget, PortalResource
from congress.models import Organization
from projects.models import KeyProject, MicroProject


class KeyProjectResource(PortalResource):
    lead_unit = fields.Field("lead_unit", "lead_unit", NaturalKeyWidget(Organization, "name"))

    class Meta(PortalResource.Meta):
        model = KeyProject
        import_id_fields = ["year", "title"]
        fields = ["year", "title", "description", "lead_unit", "budget", "planned_start", "planned_end",
                  "multi_year", "order"]


class MicroProjectResource(PortalResource):
    street = fields.Field("community__street__name", "street", readonly=True)
    community = fields.Field("community__name", "community", readonly=True)

    class Meta(PortalResource.Meta):
        model = MicroProject
        fields = ["id", "year", "street", "community", "title", "budget", "proposer_kind", "proposer_name", "status",
                  "present", "votes_for", "votes_against", "abstentions", "completed_on", "evaluation"]
