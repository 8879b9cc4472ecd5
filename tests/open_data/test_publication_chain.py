"""Every published revision is sealed with digest = sha256(previous digest + canonical bytes),
chained in publication order; rewriting an old revision's data breaks the chain at that revision,
and a sealed revision cannot be changed."""

import hashlib

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.utils import InternalError

from congress.models import Publication
from congress.opendata import canonical_bytes, publication_chain_verify
from congress.services import quarter_correct, quarter_publish
from congress.tests.factories import staff_user
from suggestions.models import UnitScoreSnapshot

from .conftest import Q1, Q2, UNIT


def publish_three():
    first = quarter_publish(quarter=Q1)
    second = quarter_publish(quarter=Q2)
    third = quarter_correct(quarter=Q1, reason="更正数据", corrected_by=staff_user())
    return [Publication.objects.get(pk=p.pk) for p in (first, second, third)]


@pytest.mark.django_db
def test_each_revision_is_chained_to_the_one_before(district):
    first, second, third = publish_three()
    assert [p.sequence for p in (first, second, third)] == [1, 2, 3]
    assert first.previous_digest == ""
    assert second.previous_digest == first.digest
    assert third.previous_digest == second.digest
    for publication in (first, second, third):
        data = canonical_bytes(publication)
        assert UNIT.encode() in data
        assert publication.digest == hashlib.sha256(publication.previous_digest.encode() + data).hexdigest()
    assert len({first.digest, second.digest, third.digest}) == 3


@pytest.mark.django_db
def test_an_intact_chain_verifies(district):
    publish_three()
    check = publication_chain_verify()
    assert check.intact
    assert check.checked == 3


@pytest.mark.django_db
def test_rewriting_an_old_revision_breaks_the_chain_there(district):
    first, second, _third = publish_three()
    UnitScoreSnapshot.objects.filter(publication=second, unit_name=UNIT).update(handlings=99)
    check = publication_chain_verify()
    assert not check.intact
    assert check.broken == second
    assert check.checked == 1


@pytest.mark.django_db
def test_a_forged_link_breaks_the_chain(district):
    publish_three()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks, so the table can be altered
            cursor.execute("ALTER TABLE congress_publication DISABLE TRIGGER congress_publication_sealed")
        cursor.execute("UPDATE congress_publication SET previous_digest = %s WHERE sequence = 3", ["0" * 64])
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE congress_publication ENABLE TRIGGER congress_publication_sealed")
    check = publication_chain_verify()
    assert check.broken.sequence == 3
    assert check.reason == "previous digest"


@pytest.mark.django_db
def test_a_sealed_revision_cannot_be_changed_or_deleted(district, requires_postgres):
    first = quarter_publish(quarter=Q1)
    for attempt in (lambda: Publication.objects.filter(pk=first.pk).update(digest="0" * 64),
                    lambda: Publication.objects.filter(pk=first.pk).update(reason="x"),
                    lambda: Publication.objects.filter(pk=first.pk).delete()):
        with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
            attempt()
    assert Publication.objects.get(pk=first.pk).digest == first.digest


@pytest.mark.django_db
def test_two_revisions_cannot_take_the_same_place_in_the_chain(district):
    first = quarter_publish(quarter=Q1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.create(quarter="2020Q3", sequence=first.sequence, digest="f" * 64)


@pytest.mark.django_db
def test_revisions_published_before_the_chain_are_sealed_oldest_first(district):
    from congress.opendata import publication_chain_complete

    older = Publication.objects.create(quarter="2019Q4")  # as a revision published before migration 0007
    newer = Publication.objects.create(quarter="2020Q1")
    publication_chain_complete()
    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.sequence, newer.sequence) == (1, 2)
    assert newer.previous_digest == older.digest
    assert publication_chain_verify().intact
