from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import MicroStatus, ProposerKind, SatisfactionLevel

CHOICE_LABELS = [("approve", _("Approve")), ("oppose", _("Oppose")), ("abstain", _("Abstain"))]


class BallotForm(forms.Form):
    """One radio group per candidate (approve / oppose / abstain); the at-most-N rule is the
    service's (projects.services.validate_choices)."""

    def __init__(self, *args, candidacies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidacies = list(candidacies)
        for candidacy in self.candidacies:
            self.fields[f"c{candidacy.pk}"] = forms.ChoiceField(
                label=candidacy.project.title, choices=CHOICE_LABELS, widget=forms.RadioSelect,
                error_messages={"required": _("Choose approve, oppose or abstain.")})

    def choices(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.candidacies}

    def rows(self):
        return [(candidacy, self[f"c{candidacy.pk}"]) for candidacy in self.candidacies]


class RatingForm(forms.Form):
    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = list(projects)
        for project in self.projects:
            self.fields[f"p{project.pk}"] = forms.ChoiceField(
                label=project.title, choices=SatisfactionLevel.choices, widget=forms.RadioSelect,
                error_messages={"required": _("Rate this project.")})

    def ratings(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data[f"p{p.pk}"] for p in self.projects}


class ReportForm(forms.Form):
    reported_on = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}))
    percent_complete = forms.IntegerField(label=_("Percent complete"), min_value=0, max_value=100)
    spent = forms.DecimalField(label=_("Spent so far (10,000 yuan)"), min_value=0, max_digits=12, decimal_places=2,
                               initial=0)
    milestone = forms.ModelChoiceField(label=_("Milestone reached"), queryset=None, required=False)
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000)

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = project.milestones.filter(reached_on__isnull=True) if project else None


class MicroFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    street = forms.TypedChoiceField(label=_("Street"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All"))] + [c for c in MicroStatus.choices if c[0] != "proposed"])
    proposer_kind = forms.ChoiceField(label=_("Proposed by"), required=False,
                                      choices=[("", _("All"))] + list(ProposerKind.choices))

    def __init__(self, *args, years=(), streets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]
        self.fields["street"].choices = [("", _("All streets"))] + [(s.pk, s.name) for s in streets]
