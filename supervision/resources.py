"""Export of supervision records for the office (import-export). The clue export never carries the
reporter: ClueReporter has no resource at all."""

from import_export import fields, resources

from supervision.models import Case, Clue, Rectification


class ClueResource(resources.ModelResource):
    class Meta:
        model = Clue
        fields = ["number", "received_on", "source", "category", "public_interest", "title", "description", "state",
                  "shared_on", "closed_on", "result", "dismissal_reason"]



class CaseResource(resources.ModelResource):
    clue = fields.Field(attribute="clue__number", column_name="clue")
    organ = fields.Field(attribute="organ__name", column_name="organ")

    class Meta:
        model = Case
        fields = ["clue", "organ", "referred_on", "state", "closed_on", "result"]


class RectificationResource(resources.ModelResource):
    unit = fields.Field(attribute="unit__name", column_name="unit")
    clue = fields.Field(attribute="case__clue__number", column_name="clue")

    class Meta:
        model = Rectification
        fields = ["clue", "unit", "requirement", "deadline", "status", "round", "satisfaction", "evaluated_on"]
