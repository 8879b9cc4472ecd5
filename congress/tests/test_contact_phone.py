"""A contact sheet's phone format is a rule of the model: the site, the admin, imports and the
service all refuse a bad one, with the field named."""

import pytest

from congress.errors import DomainError
from congress.models import OrganizationContact
from congress.services import organization_contact_update
from congress.tests.factories import OrganizationFactory, staff_user

pytestmark = pytest.mark.django_db


def test_a_phone_that_is_not_digits_is_refused_on_its_field_and_nothing_is_saved():
    contact, _ = OrganizationContact.objects.get_or_create(organization=OrganizationFactory())
    with pytest.raises(DomainError) as refused:
        organization_contact_update(contact=contact, editor=staff_user(), phone="call me")
    assert refused.value.field == "phone"
    assert OrganizationContact.objects.get(pk=contact.pk).phone == ""
    organization_contact_update(contact=contact, editor=staff_user(), phone="0755-8888 1234")
    assert OrganizationContact.objects.get(pk=contact.pk).phone == "0755-8888 1234"
