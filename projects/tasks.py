"""The livelihood projects start no background work: a ballot is counted in the request that
closes it (a few hundred rows), so the result is on the projector at once."""
