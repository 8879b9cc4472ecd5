from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congress.models import phone_format
from congress.search import MAX_QUERY_CHARS


class OrganizationContactForm(forms.Form):
    contact_person = forms.CharField(label=_("contact person"), max_length=40, required=False)
    phone = forms.CharField(label=_("phone"), max_length=30, required=False, validators=[phone_format])
    email = forms.EmailField(label=_("e-mail"), required=False)
    address = forms.CharField(label=_("address"), max_length=200, required=False)


class DeputySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=40)
    street = forms.IntegerField(label=_("Street"), required=False, widget=forms.Select)

    def __init__(self, *args, streets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].widget.choices = [("", _("All streets"))] + [(s.pk, s.name) for s in streets]


class SiteSearchForm(forms.Form):
    """The site search's query (kept in the URL). Too long a query is refused with a message, not
    searched: every kind's LIKE scan grows with it."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_CHARS, strip=True,
                        widget=forms.TextInput(attrs={"type": "search"}))
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Everything"))] + [(k.name, k.label) for k in kinds]


class AssignRoleForm(forms.Form):
    """The admin's 'give a role' action: the role and, for a unit or organ role, its organization."""

    role = forms.ChoiceField(label=_("Role"))
    organization = forms.ModelChoiceField(label=_("Organization"), required=False, queryset=None,
                                          help_text=_("For a unit handler or an organ liaison."))

    def __init__(self, *args, **kwargs):
        from congress.models import Organization
        from congress.roles import Role

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Role.choices
        self.fields["organization"].queryset = Organization.objects.active()

    def clean_role(self):
        from congress.roles import Role

        return Role(self.cleaned_data["role"])


class ReasonForm(forms.Form):
    """The reason an admin action asks for before it runs (reject, reverse, return, carry over…)."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class SecondFactorCodeForm(forms.Form):
    """A code of the authenticator app (six digits) or a recovery code."""

    code = forms.CharField(label=pgettext_lazy("second factor", "Code"), max_length=40, strip=True,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off",
                                                         "autocorrect": "off", "spellcheck": "false",
                                                         "autofocus": True}))

    def __init__(self, *args, recovery: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not recovery:
            # A phone shows its number pad for the app's six digits.
            self.fields["code"].widget.attrs.update({"inputmode": "numeric", "pattern": "[0-9 ]*"})
        else:
            self.fields["code"].label = _("Recovery code")


class PublishQuarterForm(forms.Form):
    """The back office's 'publish a quarter' page: the quarter, typed like 2020Q4."""

    quarter = forms.CharField(label=_("Quarter"), max_length=10, help_text=_("For example 2020Q4."))
    # Set by the page once it has shown what still waits in the quarter (registry.publication_check).
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_quarter(self):
        from congress.periods import Quarter

        try:
            return Quarter.parse(self.cleaned_data["quarter"].strip())
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
