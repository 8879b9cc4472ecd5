"""Forms of the points pages: they validate input only; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.files import validate_upload


class RuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(name)s · %(points)s pts") % {"name": obj.name, "points": obj.current_points}


class SelfReportForm(forms.Form):
    rule = RuleChoiceField(label=_("Activity"), queryset=None, widget=forms.RadioSelect, empty_label=None)
    occurred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    description = forms.CharField(label=_("Short description"), max_length=200,
                                  widget=forms.Textarea(attrs={"rows": 3, "maxlength": 200}))
    evidence = forms.FileField(
        label=_("Evidence (photo or PDF)"), validators=[validate_upload],
        help_text=_("JPG, PNG, WebP, HEIC or PDF, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}))

    def __init__(self, *args, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = rules


class CorrectionForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"))
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=1000)

    def __init__(self, *args, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(q, q) for q in quarters]
