"""Demo ledger (filled below)."""


def seed_points(*, rng, progress) -> None:
    pass


def publish_demo_quarters(*, rng, progress) -> None:
    pass
