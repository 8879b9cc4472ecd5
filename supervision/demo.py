def seed_supervision(*, rng, progress):
    pass
