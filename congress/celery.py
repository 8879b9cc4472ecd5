"""The portal's Celery app. Configuration is read once from Django settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congress.settings")

app = Celery("congress")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Exactly one beat: a second one exits at start (congress.beatlock).
from celery.signals import beat_init  # noqa: E402

from congress.beatlock import hold_beat_lock  # noqa: E402

beat_init.connect(hold_beat_lock, weak=False)
