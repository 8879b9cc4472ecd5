"""suggestions: api (filled in by the app's issue)."""
