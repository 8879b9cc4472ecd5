"""points: admin (filled in by the app's issue)."""
