"""Import-export resources of suggestions: declarative, natural keys for relations. Importing
suggestions records earlier submissions: a new row is always "submitted" (the state column is
exported, never imported), and the workflow after that runs through the services."""

from import_export import fields

from congress.importing import NaturalKeyWidget, PortalResource
from congress.models import CongressSession, Deputy
from suggestions.models import Handling, Suggestion, SuggestionState


class SuggestionResource(PortalResource):
    lead_deputy = fields.Field("lead_deputy", "lead_deputy", NaturalKeyWidget(Deputy, "code"))
    session = fields.Field("session", "session", NaturalKeyWidget(CongressSession, "pk"))
    state = fields.Field("state", "state", readonly=True)

    class Meta(PortalResource.Meta):
        model = Suggestion
        import_id_fields = ["number"]
        fields = ["number", "year", "title", "content", "category", "session", "lead_deputy", "state",
                  "submitted_on"]

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.pk is None:  # before validation, so the submitted state's own rules are checked
            instance.state = SuggestionState.SUBMITTED


class HandlingResource(PortalResource):
    """Export of handlings with their current grades (import is not offered: grades are entered
    through the workflow, with their history)."""

    unit = fields.Field("organization__name", "unit", readonly=True)
    number = fields.Field("suggestion__number", "number", readonly=True)
    title = fields.Field("suggestion__title", "title", readonly=True)

    class Meta(PortalResource.Meta):
        model = Handling
        fields = ["number", "title", "unit", "state", "round", "deadline", "first_replied_on", "reply_grade",
                  "implementation_grade", "final_score", "final_level", "evaluated_on"]
        export_order = fields
