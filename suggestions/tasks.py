"""suggestions: tasks (filled in by the app's issue)."""
