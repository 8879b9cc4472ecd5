"""Forms of the appointees pages: they validate input; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from appointees import rules
from appointees.models import REPORT_EXTENSIONS, Appointee, validate_report_document
from congress.models import CongressSession, Deputy, SessionKind

YEAR = {"min_value": 2000, "max_value": 2100}


def _meetings():
    return CongressSession.objects.filter(kind=SessionKind.STANDING_COMMITTEE).select_related("term")


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title}（{obj.start_date:%Y-%m-%d}）"


class DrawCommitForm(forms.Form):
    year = forms.IntegerField(label=_("Year of the reports"), **YEAR)
    k = forms.IntegerField(label=_("Number of oral reporters"), min_value=1, max_value=50,
                           initial=rules.DEFAULT_ORAL_REPORTERS)
    meeting = MeetingChoiceField(label=_("Standing committee meeting"), queryset=_meetings(), required=False,
                                 help_text=_("Department heads in office on the meeting's day are the candidates."))


class RevealForm(forms.Form):
    public_input = forms.CharField(label=_("Public input"), max_length=200,
                                   help_text=_("Typed in front of everyone, e.g. the results of five dice rolls: "
                                               "3 6 1 1 5."))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the redraw"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000)


class ReportSubmitForm(forms.Form):
    appointee = forms.ModelChoiceField(label=_("Official"), queryset=Appointee.objects.none())
    year = forms.IntegerField(label=_("Year reported on"), **YEAR)
    text = forms.CharField(label=_("Report"), widget=forms.Textarea(attrs={"rows": 12}), max_length=50000)
    document = forms.FileField(label=_("Document"), required=False, validators=[validate_report_document],
                               help_text=_("The signed report (PDF, DOC, DOCX or ODT, at most 10 MB)."))

    def __init__(self, *args, appointees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["appointee"].queryset = appointees
        self.fields["document"].widget.attrs["accept"] = ",".join(f".{ext}" for ext in REPORT_EXTENSIONS)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR)


class RatingSessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    year = forms.IntegerField(label=_("Year of the reports"), **YEAR)
    meeting = MeetingChoiceField(label=_("Standing committee meeting"), queryset=_meetings())
    officials = forms.ModelMultipleChoiceField(
        label=_("Officials to rate"), widget=forms.CheckboxSelectMultiple,
        queryset=Appointee.objects.filter(left_office__isnull=True).select_related("organization"))
    members = forms.ModelMultipleChoiceField(
        label=_("Members present"), widget=forms.CheckboxSelectMultiple,
        queryset=Deputy.objects.filter(is_committee_member=True).order_by("code"))


class BallotForm(forms.Form):
    """One radio group per official; every group must be answered to submit, not to save."""

    def __init__(self, *args, officials, initial_choices=None, require_all=True, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(rules.Choice.SATISFIED, _("satisfied")),
                   (rules.Choice.BASICALLY_SATISFIED, _("basically satisfied")),
                   (rules.Choice.UNSATISFIED, _("unsatisfied"))]
        for official in officials:
            self.fields[f"o{official.appointee_id}"] = forms.ChoiceField(
                label=str(official.appointee), choices=choices, widget=forms.RadioSelect, required=require_all,
                initial=(initial_choices or {}).get(str(official.appointee_id)))
        self.officials = officials

    def choices(self) -> dict[int, str]:
        return {int(name[1:]): value for name, value in self.cleaned_data.items() if value}
