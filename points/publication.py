"""The points part of a quarter's publication (SPEC §8): immutable snapshot rows of every
deputy's points and ranks and the district totals. Registered in PointsConfig.ready."""

from __future__ import annotations

from congress.models import Publication
from points.models import DeputyPointsSnapshot, DistrictPointsSnapshot
from points.selectors import publication_figures


def write_publication_part(publication: Publication) -> None:
    """Write the points part of a quarter's publication: one immutable row per deputy (quarter and
    year-to-date points and ranks) and the district row. Called by congress.services.quarter_publish
    and quarter_correct inside their transaction (registered in PointsConfig.ready)."""
    figures = publication_figures(quarter=publication.period)
    DeputyPointsSnapshot.objects.bulk_create([
        DeputyPointsSnapshot(
            publication=publication, deputy_id=row["deputy_id"], deputy_code=row["deputy_code"],
            deputy_name=row["deputy_name"], street_name=row["street_name"], community_name=row["community_name"] or "",
            quarter_points=row["quarter_points"], quarter_rank=row["quarter_rank"],
            year_points=row["year_points"], year_rank=row["year_rank"])
        for row in figures["deputies"]
    ], batch_size=500)
    district = figures["district"]
    DistrictPointsSnapshot.objects.create(
        publication=publication, deputy_count=len(figures["deputies"]),
        quarter_points=district["quarter_points"], year_points=district["year_points"],
        last_year_quarter_points=district["last_year_quarter_points"], last_year_points=district["last_year_points"])
