"""Forms of the liaison pages: they validate input only; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.models import Deputy
from liaison.models import IssueLevel, IssueOrigin, MeetingKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DeputyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.code}）"


class DeputyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.code}）"


class MeetingCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices, widget=forms.RadioSelect)
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=120, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=120, required=False)


class MeetingDetailsForm(forms.Form):
    # The meeting page shows this form beside the topic form: distinct ids for their labels.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "details_%s")
        super().__init__(*args, **kwargs)

    held_on = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=120, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=120, required=False)
    residents_present = forms.IntegerField(label=_("Residents present"), min_value=0, max_value=10_000)
    minutes = forms.CharField(label=_("Minutes"), required=False, max_length=20_000,
                              widget=forms.Textarea(attrs={"rows": 6}))


class AttendanceForm(forms.Form):
    deputies = DeputyMultipleChoiceField(label=_("Deputies present"), queryset=Deputy.objects.none(), required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = Deputy.objects.filter(pk__in=[d.pk for d in candidates]).order_by("name")


class TopicForm(forms.Form):
    title = forms.CharField(label=_("Topic"), max_length=120)
    lead_deputy = DeputyChoiceField(label=_("Lead deputy"), queryset=Deputy.objects.none())
    outcome = forms.CharField(label=_("Outcome"), required=False, max_length=5_000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, candidates, **kwargs):
        kwargs.setdefault("auto_id", "topic_%s")
        super().__init__(*args, **kwargs)
        self.fields["lead_deputy"].queryset = Deputy.objects.filter(pk__in=[d.pk for d in candidates]).order_by("name")


class ReceptionForm(forms.Form):
    deputy = DeputyChoiceField(label=_("Receiving deputy"), queryset=Deputy.objects.none())
    received_on = forms.DateField(label=_("Date"), widget=DATE)
    residents_count = forms.IntegerField(label=_("Residents received"), min_value=1, max_value=1_000, initial=1)
    place = forms.CharField(label=_("Place"), max_length=120, required=False)
    summary = forms.CharField(label=pgettext_lazy("reception", "Summary"), required=False, max_length=5_000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    problems = forms.CharField(label=_("Problems raised (one per line)"), required=False, max_length=5_000,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("Each line becomes a livelihood issue followed by the receiving deputy."))

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = deputies

    def clean_problems(self):
        lines = [line.strip() for line in self.cleaned_data["problems"].splitlines() if line.strip()]
        if any(len(line) > 120 for line in lines):
            raise forms.ValidationError(_("Keep each problem to 120 characters."))
        if len(lines) > 30:
            raise forms.ValidationError(_("Record at most 30 problems at once."))
        return lines


class IssueForm(forms.Form):
    origin = forms.ChoiceField(label=_("Raised from"), choices=IssueOrigin.choices)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=None, required=False)
    reception = forms.ModelChoiceField(label=_("Reception"), queryset=None, required=False)
    contact_point = forms.ModelChoiceField(label=_("Contact point"), queryset=None, required=False)
    liaison = forms.ModelChoiceField(label=_("Public-sentiment liaison"), queryset=None, required=False)
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(label=_("Details"), required=False, max_length=5_000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    reporter_name = forms.CharField(label=_("Raised by (resident)"), max_length=40, required=False)
    reporter_contact = forms.CharField(label=_("Resident's contact"), max_length=60, required=False)
    raised_on = forms.DateField(label=_("Raised on"), widget=DATE)
    level = forms.ChoiceField(label=_("Handled at"), choices=IssueLevel.choices, initial=IssueLevel.COMMUNITY)
    following_deputy = DeputyChoiceField(label=_("Following deputy"), queryset=Deputy.objects.none(), required=False)

    def __init__(self, *args, sources: dict, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        for name, queryset in sources.items():
            self.fields[name].queryset = queryset
        self.fields["following_deputy"].queryset = deputies


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=5_000, widget=forms.Textarea(attrs={"rows": 2}))


class ResolveForm(forms.Form):
    note = forms.CharField(label=_("How was it resolved?"), max_length=5_000, widget=forms.Textarea(attrs={"rows": 3}))
    on = forms.DateField(label=_("Resolved on"), widget=DATE)


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Why is it closed unresolved?"), max_length=5_000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class EscalateForm(forms.Form):
    to_level = forms.ChoiceField(label=_("Hand up to"), choices=[(IssueLevel.STREET, IssueLevel.STREET.label),
                                                                  (IssueLevel.DISTRICT, IssueLevel.DISTRICT.label)])
    reason = forms.CharField(label=_("Why is a higher level needed?"), max_length=5_000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class FollowerForm(forms.Form):
    deputy = DeputyChoiceField(label=_("Following deputy"), queryset=Deputy.objects.none())

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = deputies


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1_000, widget=forms.Textarea(attrs={"rows": 3}))
