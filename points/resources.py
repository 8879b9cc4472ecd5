"""Import-export resources of the points ledger. Rules import and export; a rule's values import
as new versions only (a version that exists is never changed). The ledger exports its entries
as they are; it imports only recorded activities (ActivityParticipationResource: one line, one
deputy's participation, awarded through points.services.activities_import), so no file can edit
an entry."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from congress.errors import DomainError
from congress.importing import ImportRefused, NameBesideKeyField, NaturalKeyWidget, PortalResource, StrictDateWidget
from congress.models import Deputy
from points.models import LedgerEntry, PointRule, PointRuleVersion
from points.services import ImportMemory, ImportOutcome, ParticipationRow, activities_import


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
    """Export only (the ledger's import is ActivityParticipationResource)."""

    deputy = fields.Field("deputy", "deputy_code", NaturalKeyWidget(Deputy, "code"))
    deputy_name = NameBesideKeyField("deputy", "deputy_code", "deputy_name")
    rule = fields.Field("rule", "rule", NaturalKeyWidget(PointRule, "code"))

    class Meta(PortalResource.Meta):
        model = LedgerEntry
        fields = ["id", "deputy", "deputy_name", "rule", "occurred_on", "points", "kind", "status", "reason",
                  "reverses", "created_at", "decided_at"]
        export_order = fields

    def import_data(self, *args, **kwargs):  # pragma: no cover - defence in depth
        raise ValidationError(_("The ledger cannot be imported."))


class _TextWidget(widgets.Widget):
    """A text cell, trimmed; a whole number from Excel (file number 1024 → 1024.0) as written."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()


class ActivityParticipationResource(PortalResource):
    """The ledger's import: one line is one deputy's participation in one recorded activity (the
    office's paper and spreadsheet records of inspections, receptions, voter reports …). Lines
    sharing a reference are one activity. The cells are read here; every rule (the activity's
    lines agree, the rule is active, a value in force, no date in the future, a participation
    once, re-imports skipped) and every write is points.services.activities_import's, all or
    nothing, in a constant number of queries per file."""

    reference = fields.Field("reference", "reference", _TextWidget())
    rule = fields.Field("rule", "rule", NaturalKeyWidget(PointRule, "code"))
    occurred_on = fields.Field("occurred_on", "occurred_on", StrictDateWidget())
    title = fields.Field("title", "title", _TextWidget())
    deputy = fields.Field("deputy", "deputy_code", NaturalKeyWidget(Deputy, "code"))
    deputy_name = NameBesideKeyField("deputy", "deputy_code", "deputy_name")
    description = fields.Field("description", "description", _TextWidget())

    optional_columns = ("description",)
    CELLS = ("reference", "rule", "occurred_on", "title", "deputy", "description")

    class Meta(PortalResource.Meta):
        model = LedgerEntry
        fields = ["reference", "rule", "occurred_on", "title", "deputy", "deputy_name", "description"]
        import_id_fields = []

    @classmethod
    def get_display_name(cls):
        return _("Recorded activities and their participants")

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None,
                    collect_failed_rows=False, rollback_on_validation_errors=False, audit=True, **kwargs):
        """Read the cells, let activities_import judge and write the lines, and report them as
        import-export does (rows numbered by their line in the file, totals by outcome)."""
        result = self.get_result_class()()
        result.diff_headers = [str(header) for header in dataset.headers or []]
        result.total_rows = len(dataset)
        user = kwargs.get("user")
        try:
            self.before_import(dataset, **kwargs)  # the columns, named; the relations, fetched
        except ImportRefused as refused:
            result.append_base_error(self.get_error_result_class()(refused))
            return result

        if self.file_memory is None:
            self.file_memory = {}
        memory = self.file_memory.setdefault("activities", ImportMemory())
        first_line = self.line_offset + result.HEADER_LINES  # the line of row 0 in the file
        cell_errors: dict[int, dict[str, list[str]]] = {}
        lines: list[ParticipationRow] = []
        fields_by_name = self.fields
        dicts = dataset.dict
        for index, row in enumerate(dicts):
            values, errors = {}, {}
            for name in self.CELLS:
                field = fields_by_name[name]
                try:
                    values[name] = field.widget.clean(row.get(field.column_name), row=row)
                except ValueError as error:
                    errors[field.column_name] = [str(error)]
            problem = fields_by_name["deputy_name"].mismatch(values.get("deputy"), row)
            if problem:
                errors["deputy_name"] = [problem]
            if errors:
                cell_errors[index] = errors
                continue
            lines.append(ParticipationRow(line=first_line + index + 1, **values))

        try:
            found = activities_import(rows=lines, imported_by=user, dry_run=dry_run or bool(cell_errors),
                                      memory=memory)
        except DomainError as error:  # not staff, or a race lost to another import: about the whole file
            result.append_base_error(self.get_error_result_class()(ImportRefused(error.message)))
            return result

        for index, row in enumerate(dicts):
            line = first_line + index + 1
            if index in cell_errors or line in found.problems:
                # import-export numbers rows from 1; PortalResult adds the header line
                error = ValidationError(cell_errors.get(index) or {NON_FIELD_ERRORS: found.problems[line]})
                result.append_invalid_row(index + 1, row, error)
                result.totals["invalid"] += 1
                continue
            row_result = self.get_row_result_class()()
            row_result.import_type = {ImportOutcome.NEW: row_result.IMPORT_TYPE_NEW,
                                      ImportOutcome.UPDATE: row_result.IMPORT_TYPE_UPDATE}.get(
                found.outcomes.get(line), row_result.IMPORT_TYPE_SKIP)
            row_result.diff = [row.get(header, "") for header in result.diff_headers]
            result.increment_row_result_total(row_result)
            result.append_row_result(row_result)

        imported = not (dry_run or cell_errors or found.problems)
        if audit and imported:
            self.audit_imported(dataset, result, user=user)
        return result
