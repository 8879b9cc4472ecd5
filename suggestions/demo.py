def seed_suggestions(*, rng, progress) -> None:
    progress("Suggestions: (pending)")
