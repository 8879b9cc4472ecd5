"""points: services (filled in by the app's issue)."""
