"""Forms of the supervision pages: they validate input only; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.models import Deputy, Organization
from supervision.models import (
    ACTION_ACTOR,
    ESCALATION_KINDS,
    OUTCOME_UNITS,
    ActionKind,
    Actor,
    ClueCategory,
    ClueSource,
    OutcomeKind,
    Satisfaction,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx"


class DeputyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.code}）"


class ClueForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DATE)
    source = forms.ChoiceField(label=_("Source"), choices=ClueSource.choices)
    category = forms.ChoiceField(label=_("Category"), choices=ClueCategory.choices)
    public_interest = forms.BooleanField(label=_("Concerns public-interest litigation"), required=False)
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(label=_("Description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    reporter_deputy = DeputyChoiceField(label=_("Reporting deputy"), queryset=Deputy.objects.order_by("code"),
                                        required=False, help_text=_("Only for a clue from a deputy."))
    reporter_name = forms.CharField(label=_("Reporter's name"), max_length=60, required=False)
    reporter_phone = forms.RegexField(label=_("Reporter's phone"), regex=r"^[0-9+\- ]{5,30}$", required=False,
                                      error_messages={"invalid": _("Enter a phone number made of digits.")})
    reporter_email = forms.EmailField(label=_("Reporter's e-mail"), required=False)
    reporter_address = forms.CharField(label=_("Reporter's address"), max_length=200, required=False)
    attachment = forms.FileField(label=_("Attachment"), required=False,
                                 help_text=_("PDF, JPEG, PNG, WebP, docx or xlsx, at most 10 MB."),
                                 widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))
    attachment_visible_to_organs = forms.BooleanField(
        label=_("The organs may see the attachment"), required=False,
        help_text=_("Leave unticked if the file could identify the reporter."))


class AttachmentForm(forms.Form):
    upload = forms.FileField(label=_("Attachment"), help_text=_("PDF, JPEG, PNG, WebP, docx or xlsx, at most 10 MB."),
                             widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))
    visible_to_organs = forms.BooleanField(label=_("The organs may see the attachment"), required=False)


class ReferForm(forms.Form):
    organs = forms.ModelMultipleChoiceField(label=_("Refer to"), queryset=Organization.objects.none(),
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organs"].queryset = Organization.objects.joint_supervision_organs().active()


class ResultForm(forms.Form):
    result = forms.CharField(label=_("Result"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


def action_choices(organ_kind: str, *, congress: bool) -> list[tuple[str, str]]:
    """The actions a form offers: the case organ's own, and the congress's for staff."""
    allowed = {organ_kind} | ({Actor.CONGRESS.value} if congress else set())
    return [(kind.value, kind.label) for kind in ActionKind if ACTION_ACTOR[kind].value in allowed]


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=pgettext_lazy("case action", "Action"))
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    summary = forms.CharField(label=pgettext_lazy("case action", "Summary"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = choices
        for kind in OutcomeKind:
            self.fields[kind.value] = forms.DecimalField(
                label=f"{kind.label} ({OUTCOME_UNITS[kind]})", required=False, min_value=0, max_digits=16,
                decimal_places=2, widget=forms.NumberInput(attrs={"step": "0.01" if kind in (
                    OutcomeKind.AREA_CLEARED, OutcomeKind.ASSETS_RECOVERED) else "1", "min": "0"}))

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"kind": data["kind"], "occurred_on": data["occurred_on"], "summary": data["summary"],
                "outcomes": {kind.value: data.get(kind.value) for kind in OutcomeKind}}


class RectificationForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=Organization.objects.none())
    requirement = forms.CharField(label=_("Requirement"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from congress.models import JOINT_SUPERVISION_KINDS

        self.fields["unit"].queryset = Organization.objects.active().exclude(kind__in=JOINT_SUPERVISION_KINDS)


class ReportForm(forms.Form):
    report = forms.CharField(label=_("What has been rectified"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 4}))


class EvaluateForm(forms.Form):
    satisfaction = forms.ChoiceField(label=_("Satisfaction evaluation"), choices=Satisfaction.choices,
                                     widget=forms.RadioSelect)


class EscalateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Escalate by"),
                             choices=[(k.value, k.label) for k in ActionKind if k in ESCALATION_KINDS])
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    summary = forms.CharField(label=pgettext_lazy("case action", "Summary"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    new_deadline = forms.DateField(label=_("New deadline"), widget=DATE)
