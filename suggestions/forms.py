"""Forms of the suggestion pages: input validation only; the services hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from congress.models import CongressSession, Organization
from suggestions.models import AssignmentRole, Category
from suggestions.scoring import Grade, Stage, grade_level, points, puts_under_follow_up


class PublicFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or number"), required=False, max_length=60)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2999, widget=forms.Select)
    category = forms.ChoiceField(label=_("Category"), required=False,
                                 choices=[("", _("All categories")), *Category.choices])
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.choices = [("", _("All years"))] + [(y, y) for y in years]
        self.fields["unit"].choices = [("", _("All units"))] + [(u.pk, u.name) for u in units]


class SuggestionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 10}))
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    session = forms.ModelChoiceField(label=_("Congress session"), required=False,
                                     queryset=CongressSession.objects.select_related("term"),
                                     empty_label=_("Between sessions"))


class TextForm(forms.Form):
    content = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))


def grade_choice_label(grade: str) -> str:
    """A grade as the grading form offers it: the grade, its points and its level."""
    return _("%(grade)s (%(points)s points, %(level)s)") % {
        "grade": grade, "points": points(grade), "level": grade_level(grade).label}


class GradeForm(forms.Form):
    """A grade of one stage. A grade that opens a follow-up round is recorded only once the page
    has shown what it starts and the deputy sent it again with `confirmed`."""

    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices, widget=forms.HiddenInput)
    grade = forms.ChoiceField(label=_("Grade"), choices=Grade.choices, widget=forms.RadioSelect)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(grade.value, grade_choice_label(grade)) for grade in Grade]

    def needs_confirmation(self) -> bool:
        """Valid, opens a follow-up round, and not yet confirmed."""
        return (self.is_valid() and puts_under_follow_up(self.cleaned_data["grade"])
                and not self.cleaned_data["confirmed"])


class RegisterForm(forms.Form):
    number = forms.CharField(label=_("Number"), required=False, max_length=20,
                             help_text=_("Leave empty for the next number of the year."))


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for not registering"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("Lead unit (主办)"), required=False, queryset=Organization.objects.none())
    co_handling = forms.ModelMultipleChoiceField(label=_("Co-handling units (协办)"), required=False,
                                                 queryset=Organization.objects.none())
    separate = forms.ModelMultipleChoiceField(label=_("Separate units (分办)"), required=False,
                                              queryset=Organization.objects.none())
    deadline = forms.DateField(label=_("Reply deadline"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}),
                               help_text=_("Empty: three months after today."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Organization.objects.handling_units()
        for name in ("lead", "co_handling", "separate"):
            self.fields[name].queryset = units

    def clean(self):
        """The chosen units as the service takes them: [(organization, role), …] in `units`."""
        data = super().clean()
        units = [(data["lead"], AssignmentRole.LEAD)] if data.get("lead") else []
        units += [(o, AssignmentRole.CO_HANDLING) for o in data.get("co_handling") or []]
        units += [(o, AssignmentRole.SEPARATE) for o in data.get("separate") or []]
        data["units"] = units
        return data


class PublishForm(forms.Form):
    publish_content = forms.BooleanField(label=_("Publish the content"), required=False)
    publish_replies = forms.BooleanField(label=_("Publish the replies and implementation reports"), required=False)


class FollowUpForm(forms.Form):
    """The office's supervision note and the unit's deadline on an open follow-up round."""

    note = forms.CharField(label=_("Supervision note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class CloseFollowUpForm(forms.Form):
    note = forms.CharField(label=_("Why the round is closed"), widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("The unit has done what it can; the current grade stays."))
