"""points: models (filled in by the app's issue)."""
