"""points: views (filled in by the app's issue)."""
