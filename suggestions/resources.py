"""suggestions: resources (filled in by the app's issue)."""
