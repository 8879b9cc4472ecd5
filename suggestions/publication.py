"""The suggestions part of a quarter's publication (SPEC §8): immutable snapshot rows of every
unit's scores for the quarter's year up to the end of the quarter, and the district figures."""

from __future__ import annotations

from django.conf import settings

from congress.models import Publication
from suggestions.models import DistrictScoreSnapshot, UnitScoreSnapshot
from suggestions.scoring import current_weights
from suggestions.selectors import year_statistics


def write_publication_part(publication: Publication) -> None:
    """Called inside the publication's transaction by congress.services.quarter_publish/correct."""
    quarter = publication.period
    stats = year_statistics(year=quarter.year, as_of=quarter.last_day)
    weights = current_weights()
    district = stats.district
    DistrictScoreSnapshot.objects.create(
        publication=publication, year=quarter.year, handlings=district.handlings, evaluated=district.evaluated,
        mean_final=district.mean_final, satisfaction_rate=district.satisfaction_rate,
        full_mark_replies=district.full_mark_replies, full_mark_implementations=district.full_mark_implementations,
        overdue_replies=district.overdue_replies,
        min_evaluated_for_ranking=settings.SUGGESTION_MIN_EVALUATED_FOR_RANKING,
        reply_weight=weights.reply, implementation_weight=weights.implementation)
    UnitScoreSnapshot.objects.bulk_create([
        UnitScoreSnapshot(
            publication=publication, year=quarter.year, organization_id=unit.organization_id,
            unit_name=unit.unit_name, handlings=unit.handlings, evaluated=unit.evaluated,
            mean_final=unit.mean_final, satisfaction_rate=unit.satisfaction_rate,
            full_mark_replies=unit.full_mark_replies, full_mark_implementations=unit.full_mark_implementations,
            overdue_replies=unit.overdue_replies, rank=unit.rank)
        for unit in stats.units
    ])
