"""Open data: the public data sets every app declares (`registry.data_set`) and the hash chain of
the quarterly publication.

Every revision of a quarter's publication is sealed, in the publication's own transaction, with

    digest = sha256(previous_digest + canonical bytes).hexdigest()

- previous_digest: the hexadecimal digest of the revision sealed just before it (any quarter), as
  64 ASCII characters; the empty string for the first revision ever published.
- canonical bytes: the JSON downloads of the revision's quarterly data sets
  (`/open-data/<quarter>/<revision>/<key>.json`), concatenated in the order of their keys. A
  data set the revision does not carry is left out; `/api/v1/publications/` lists, for each
  revision, exactly the downloads that make its canonical bytes.

Anyone can recompute every digest from the downloads (the snippet on the open-data page); a
rewritten snapshot row no longer gives its revision's digest (`publication_chain_verify`)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.downloads import json_bytes
from congress.models import Publication
from congress.registry import Column, DataSet, registry

DEFAULT_LICENCE = _(
    "Open government licence: anyone may copy, publish, adapt and use these data, also commercially, "
    "provided they name the source (the district people's congress standing committee) and do not "
    "suggest the committee endorses their use. The data come with no warranty.")


def licence() -> str:
    """The licence the open-data page states (the setting OPEN_DATA_LICENCE, else the default)."""
    from django.conf import settings

    return settings.OPEN_DATA_LICENCE or DEFAULT_LICENCE


def revision_parts(publication: Publication) -> list[tuple[DataSet, list[dict]]]:
    """The revision's quarterly data sets (in canonical order) with their rows."""
    return [(data_set, data_set.revision_rows(publication)) for data_set in carried_data_sets(publication)]


def carried_data_sets(publication: Publication) -> list[DataSet]:
    """The quarterly data sets a revision carries, in canonical order (no query when the
    revision was read with `sealed_revisions()`)."""
    return [data_set for data_set in registry.quarterly_data_sets() if hasattr(publication, data_set.part)]


def data_set_bytes(data_set: DataSet, rows: list[dict]) -> bytes:
    return json_bytes(rows=rows, keys=[column.key for column in data_set.columns])


def canonical_bytes(publication: Publication) -> bytes:
    return b"".join(data_set_bytes(data_set, rows) for data_set, rows in revision_parts(publication))


def chain_digest(previous_digest: str, data: bytes) -> str:
    return hashlib.sha256(previous_digest.encode("ascii") + data).hexdigest()


def revision_download_url(publication: Publication, data_set: DataSet, fmt: str = "json") -> str:
    return reverse("open-data-revision", kwargs={"quarter": publication.quarter, "revision": publication.revision,
                                                 "key": data_set.key, "fmt": fmt})


def sealed_revisions():
    """Sealed revisions, newest first (the chain's order reversed), with the parts they carry."""
    parts = [data_set.part for data_set in registry.quarterly_data_sets()]
    return Publication.objects.filter(sequence__isnull=False).select_related(*parts).order_by("-sequence")


def revision_data(*, quarter: str, revision: int, key: str):
    """(publication, data set, rows) of a sealed revision's quarterly data set, or None."""
    data_set = next((d for d in registry.quarterly_data_sets() if d.key == key), None)
    publication = sealed_revisions().filter(quarter=quarter, revision=revision).first()
    if data_set is None or publication is None or data_set not in carried_data_sets(publication):
        return None
    return publication, data_set, data_set.revision_rows(publication)


def _chain_head(*, exclude_pk: int | None) -> Publication | None:
    return (Publication.objects.exclude(pk=exclude_pk).filter(sequence__isnull=False)
            .order_by("-sequence").first())


@transaction.atomic
def publication_seal(*, publication: Publication) -> Publication:
    """Seal a revision whose parts are written: its digest, chained to the latest sealed revision.
    Called once by congress.services.quarter_publish/quarter_correct in their transaction (and by
    publication_chain_complete for revisions older than the chain)."""
    if publication.digest:
        return publication
    head = _chain_head(exclude_pk=publication.pk)
    # Lock the head, then look again in a new statement: a revision sealed while we waited is the
    # new head. The unique chain position is the guarantee if this is ever got wrong.
    while head is not None:
        Publication.objects.select_for_update().filter(pk=head.pk).values_list("pk").first()
        latest = _chain_head(exclude_pk=publication.pk)
        if latest.pk == head.pk:
            break
        head = latest
    publication.previous_digest = head.digest if head else ""
    publication.sequence = head.sequence + 1 if head else 1
    publication.digest = chain_digest(publication.previous_digest, canonical_bytes(publication))
    Publication.objects.filter(pk=publication.pk).update(
        previous_digest=publication.previous_digest, sequence=publication.sequence, digest=publication.digest)
    return publication


def publication_chain_complete(**kwargs) -> None:
    """Seal, oldest first, the revisions published before the chain existed (post_migrate)."""
    from django.db import connection

    if "congress_publication" not in connection.introspection.table_names():
        return
    for publication in Publication.objects.filter(sequence__isnull=True).order_by("published_at", "pk"):
        publication_seal(publication=publication)


@dataclass(frozen=True)
class ChainCheck:
    checked: int
    broken: Publication | None  # the first revision whose digest no longer matches, else None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken is None


def publication_chain_verify() -> ChainCheck:
    """Recompute every sealed revision's digest from its published data, in chain order. Anyone
    may call it (it reads published data only); the first revision that differs is returned."""
    previous = ""
    checked = 0
    for publication in sealed_revisions().order_by("sequence"):
        if publication.previous_digest != previous:
            return ChainCheck(checked, publication, "previous digest")
        if chain_digest(previous, canonical_bytes(publication)) != publication.digest:
            return ChainCheck(checked, publication, "data")
        previous = publication.digest
        checked += 1
    return ChainCheck(checked, None)


# --- the registry's own data set ----------------------------------------------------------------

DIRECTORY_MEANINGS = {
    "code": _("The deputy's number in the register."),
    "name": _("The deputy's name."),
    "gender": _("Their gender."),
    "street": _("The street delegation the deputy was elected in."),
    "community": _("The community the deputy is attached to; empty if none."),
    "occupation": _("Their occupation, as published."),
    "status": _("Serving, resigned, mandate terminated or deceased."),
}


def directory_links() -> dict:
    page = reverse("deputy-list")
    # The API's deputy list shares its URL name with the site's page: built from the API's root.
    api_root = reverse("publications").removesuffix("publications/")
    return {"page": page, "download": page, "api": f"{api_root}deputies/"}


def registry_data_sets() -> list[DataSet]:
    from congress.views import DIRECTORY_COLUMNS

    return [DataSet(
        key="deputies", order=10, title=_("Deputy directory"),
        description=_("The district's people's congress deputies, with their public details."),
        method=_("Public by nature: the register of deputies, every deputy with the public fields only. Phone "
                 "numbers, identity numbers and addresses are kept apart and are in no page, download or API "
                 "answer."),
        columns=tuple(Column(key, header, DIRECTORY_MEANINGS[key]) for key, header in DIRECTORY_COLUMNS),
        links=directory_links, published_when=_("A deputy is listed once entered in the register."))]
