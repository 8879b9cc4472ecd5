"""Settings come from the environment: PRODUCTION=true needs a secret key and the host names
(Django's deployment checks: test_deploy_check.py); without REDIS_URL the portal needs no services."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SECRET = "k3y-For-Tests_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL!"


def run(args, **env):
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
            "DJANGO_SETTINGS_MODULE": "congress.settings",
            "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:///:memory:")}
    return subprocess.run([sys.executable, *args], cwd=BASE_DIR, env={**base, **env}, capture_output=True,
                          text=True, timeout=120)


def settings_seen(**env) -> dict:
    code = ("import django, json; django.setup(); from django.conf import settings as s; "
            "print(json.dumps({'debug': s.DEBUG, 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
            "'broker': s.CELERY_BROKER_URL, 'cache': s.CACHES['default']['BACKEND'], 'sessions': s.SESSION_ENGINE, "
            "'hosts': s.ALLOWED_HOSTS, 'hsts': getattr(s, 'SECURE_HSTS_SECONDS', 0)}))")
    result = run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["manage.py", "check"], PRODUCTION="true", ALLOWED_HOSTS="renda.example.gov.cn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_turns_debug_off_and_hsts_on():
    seen = settings_seen(PRODUCTION="true", SECRET_KEY=SECRET, ALLOWED_HOSTS="a.example.cn,b.example.cn")
    assert seen["debug"] is False
    assert seen["hosts"] == ["a.example.cn", "b.example.cn"]
    assert seen["hsts"] >= 31536000


def test_without_redis_tasks_run_in_process_and_the_cache_is_local():
    seen = settings_seen()
    assert seen["eager"] is True
    assert seen["broker"] == "memory://"
    assert seen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    # A cache per worker process must not hold sessions: one ended in one worker would live in another.
    assert seen["sessions"] == "django.contrib.sessions.backends.db"


def test_with_redis_tasks_go_to_the_broker_and_the_cache_is_shared():
    seen = settings_seen(REDIS_URL="redis://127.0.0.1:6379/0")
    assert seen["eager"] is False
    assert seen["broker"] == "redis://127.0.0.1:6379/0"
    assert seen["cache"] == "congress.cache.PortalRedisCache"  # Django's Redis cache, one client per pool
    assert seen["sessions"] == "django.contrib.sessions.backends.cached_db"
