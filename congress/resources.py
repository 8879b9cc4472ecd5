"""Import-export resources of the core registry: declarative, natural keys for relations."""

from import_export import fields

from congress.importing import NaturalKeyWidget, PortalResource
from congress.models import (
    Community,
    CongressSession,
    Deputy,
    DeputyPrivate,
    Organization,
    OrganizationContact,
    Street,
    Term,
)


class StreetResource(PortalResource):
    class Meta(PortalResource.Meta):
        model = Street
        import_id_fields = ["code"]
        fields = ["code", "name", "order"]


class CommunityResource(PortalResource):
    street = fields.Field("street", "street", NaturalKeyWidget(Street, "name"))

    class Meta(PortalResource.Meta):
        model = Community
        import_id_fields = ["code"]
        fields = ["code", "name", "street", "order"]


class OrganizationResource(PortalResource):
    street = fields.Field("street", "street", NaturalKeyWidget(Street, "name"))

    class Meta(PortalResource.Meta):
        model = Organization
        import_id_fields = ["name"]
        fields = ["name", "short_name", "kind", "street", "is_active", "order"]


class OrganizationContactResource(PortalResource):
    organization = fields.Field("organization", "organization", NaturalKeyWidget(Organization, "name"))

    class Meta(PortalResource.Meta):
        model = OrganizationContact
        import_id_fields = ["organization"]
        fields = ["organization", "contact_person", "phone", "email", "address"]


class TermResource(PortalResource):
    class Meta(PortalResource.Meta):
        model = Term
        import_id_fields = ["number"]
        fields = ["number", "start_year", "end_year"]


class CongressSessionResource(PortalResource):
    term = fields.Field("term", "term", NaturalKeyWidget(Term, "number"))

    class Meta(PortalResource.Meta):
        model = CongressSession
        import_id_fields = ["term", "kind", "number"]
        fields = ["term", "kind", "number", "start_date", "end_date"]


class DeputyResource(PortalResource):
    """Public fields only; private details have their own resource and permission."""

    term = fields.Field("term", "term", NaturalKeyWidget(Term, "number"))
    street = fields.Field("street", "street", NaturalKeyWidget(Street, "name"))
    community = fields.Field("community", "community", NaturalKeyWidget(Community, "code"))

    class Meta(PortalResource.Meta):
        model = Deputy
        import_id_fields = ["code"]
        fields = ["code", "name", "gender", "occupation", "term", "street", "community", "status",
                  "is_committee_member"]


class DeputyPrivateResource(PortalResource):
    deputy = fields.Field("deputy", "deputy", NaturalKeyWidget(Deputy, "code"))

    class Meta(PortalResource.Meta):
        model = DeputyPrivate
        import_id_fields = ["deputy"]
        fields = ["deputy", "phone", "id_number", "address"]
