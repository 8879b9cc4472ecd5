"""Exactly one Celery beat, enforced: a beat takes a lock in Redis when it starts (`beat_init`)
and keeps it while it runs; a second beat finds the lock taken and exits with a message naming
the holder. Two beats would send every scheduled task twice (the tasks are idempotent, see
congress.services.publish_due_quarter, but reminders would go out twice).

The lock is one Redis key set with NX and an expiry (settings.BEAT_LOCK_SECONDS), refreshed by a
thread every third of it; only its holder refreshes or deletes it (compare-and-set scripts). A
beat killed without a goodbye leaves the key to expire, so the next beat starts within that
time. A beat that finds its lock gone (Redis flushed, a pause longer than the expiry) stops
itself rather than run beside another."""

from __future__ import annotations

import atexit
import logging
import os
import signal
import socket
import sys
import threading
import uuid

logger = logging.getLogger(__name__)

BEAT_LOCK_KEY = "congress:celery-beat-lock"

_REFRESH = ("if redis.call('get', KEYS[1]) == ARGV[1] then "
            "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end")
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"


class BeatLock:
    """One holder at a time of `key` in Redis, for `ttl` seconds unless refreshed."""

    def __init__(self, client, *, key: str | None = None, ttl: int = 60):
        self.client, self.key, self.ttl = client, key or BEAT_LOCK_KEY, ttl
        self.token = f"{socket.gethostname()} pid {os.getpid()} ({uuid.uuid4().hex[:8]})"

    def acquire(self) -> bool:
        return bool(self.client.set(self.key, self.token, nx=True, ex=self.ttl))

    def refresh(self) -> bool:
        """Extend the lock; False if it is no longer ours."""
        return bool(self.client.eval(_REFRESH, 1, self.key, self.token, self.ttl * 1000))

    def release(self) -> None:
        self.client.eval(_RELEASE, 1, self.key, self.token)

    def holder(self) -> str | None:
        value = self.client.get(self.key)
        return value.decode() if isinstance(value, bytes) else value


class _Keeper(threading.Thread):
    """Refreshes the lock every third of its expiry; if the lock is lost, stops the beat."""

    def __init__(self, lock: BeatLock, on_lost):
        super().__init__(name="beat-lock", daemon=True)
        self.lock, self.on_lost, self.stopped = lock, on_lost, threading.Event()

    def run(self):
        while not self.stopped.wait(max(self.lock.ttl / 3, 1)):
            try:
                kept = self.lock.refresh()
            except Exception:  # noqa: BLE001 - Redis away for a moment: try again next time
                logger.warning("beat lock: could not reach Redis to refresh the lock", exc_info=True)
                continue
            if not kept:
                self.on_lost()
                return

    def stop(self):
        self.stopped.set()


def _stop_this_beat():
    logger.critical("beat lock: this beat lost its lock (another beat may hold it now); stopping")
    os.kill(os.getpid(), signal.SIGTERM)


def hold_beat_lock(sender=None, *, redis_url: str | None = None, on_lost=_stop_this_beat, **kwargs) -> _Keeper | None:
    """The `beat_init` receiver: take the lock or exit (SystemExit, which Celery's signal
    dispatch lets through, so the beat process ends before it schedules anything)."""
    from django.conf import settings

    url = redis_url if redis_url is not None else settings.REDIS_URL
    if not url:
        logger.warning("beat lock: no REDIS_URL, so nothing stops a second beat; run exactly one")
        return None
    import redis

    lock = BeatLock(redis.Redis.from_url(url), ttl=settings.BEAT_LOCK_SECONDS)
    if not lock.acquire():
        message = (f"Another Celery beat is already running ({lock.holder() or 'holder unknown'}); "
                   f"this beat exits. Run exactly one beat; if the other one was killed, its lock "
                   f"({lock.key}) expires within {lock.ttl} seconds.")
        logger.critical(message)
        print(message, file=sys.stderr)
        raise SystemExit(message)
    logger.info("beat lock: held by %s", lock.token)
    keeper = _Keeper(lock, on_lost)
    keeper.start()

    def goodbye():
        keeper.stop()
        lock.release()

    atexit.register(goodbye)
    keeper.goodbye = goodbye
    return keeper
