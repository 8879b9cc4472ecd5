"""The points part of a quarter's publication (SPEC §8): immutable snapshot rows of every
deputy's points and ranks and the district totals. Registered in PointsConfig.ready."""

from __future__ import annotations

from congress.models import Publication
from congress.sql import insert_select
from points.models import DeputyPointsSnapshot, DistrictPointsSnapshot
from points.selectors import PUBLICATION_COLUMNS, publication_district, publication_rows_sql


def write_publication_part(publication: Publication) -> None:
    """Write the points part of a quarter's publication: one immutable row per deputy (quarter and
    year-to-date points and ranks) and the district row. Called by congress.services.quarter_publish
    and quarter_correct inside their transaction (registered in PointsConfig.ready)."""
    quarter = publication.period
    # One INSERT … SELECT: the ranks are computed and written by the database, nothing per row here.
    sql, params = publication_rows_sql(quarter=quarter)
    deputy_count = insert_select(DeputyPointsSnapshot, constants={"publication_id": publication.pk},
                                 select=(sql, params, PUBLICATION_COLUMNS))
    district = publication_district(quarter=quarter)
    DistrictPointsSnapshot.objects.create(
        publication=publication, deputy_count=deputy_count,
        quarter_points=district["quarter_points"], year_points=district["year_points"],
        last_year_quarter_points=district["last_year_quarter_points"], last_year_points=district["last_year_points"])
