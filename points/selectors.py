"""points: selectors (filled in by the app's issue)."""
