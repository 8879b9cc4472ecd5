def seed_projects(*, rng, progress) -> None:
    progress("Projects: not yet")
