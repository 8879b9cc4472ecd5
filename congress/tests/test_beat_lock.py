"""Exactly one beat: the lock a beat takes at start is refused to a second one, which exits with a
message naming the holder, through Celery's own `beat_init` signal; only the holder refreshes or
releases it. Shown against the local Redis without starting a real beat."""

import uuid

import pytest
from celery.signals import beat_init

from congress import beatlock
from congress.beatlock import BeatLock, hold_beat_lock

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("needs Redis at 127.0.0.1:6379")
    return client


@pytest.fixture
def lock_key(redis_client, monkeypatch, settings):
    key = f"congress:test-beat-lock:{uuid.uuid4().hex}"
    monkeypatch.setattr(beatlock, "BEAT_LOCK_KEY", key)
    settings.REDIS_URL = REDIS_URL
    yield key
    redis_client.delete(key)


def test_a_second_acquisition_is_refused_until_the_first_releases(redis_client, lock_key):
    first, second = BeatLock(redis_client, ttl=30), BeatLock(redis_client, ttl=30)
    assert first.acquire()
    assert not second.acquire()
    assert second.holder() == first.token and 0 < redis_client.ttl(lock_key) <= 30
    assert not second.refresh()  # only the holder extends it
    second.release()  # nor deletes it
    assert first.holder() == first.token and first.refresh()
    first.release()
    assert second.acquire()


def test_a_second_beat_exits_at_start_with_a_clear_message(redis_client, lock_key, capsys):
    keeper = hold_beat_lock(sender=None)
    try:
        with pytest.raises(SystemExit) as exited:
            beat_init.send(sender=None)  # what `celery beat` sends before scheduling anything
        message = str(exited.value)
        assert "Another Celery beat is already running" in message and keeper.lock.token in message
        assert "Run exactly one beat" in message and "Run exactly one beat" in capsys.readouterr().err
        assert redis_client.get(lock_key).decode() == keeper.lock.token  # the first keeps its lock
    finally:
        keeper.goodbye()
    assert redis_client.get(lock_key) is None


def test_a_beat_that_lost_its_lock_stops(redis_client, lock_key, settings):
    settings.BEAT_LOCK_SECONDS = 3  # refreshed every second
    lost = []
    keeper = hold_beat_lock(sender=None, on_lost=lambda: lost.append(True))
    try:
        redis_client.set(lock_key, "another beat")
        keeper.join(timeout=5)
        assert lost == [True]
    finally:
        keeper.goodbye()
    assert redis_client.get(lock_key).decode() == "another beat"  # not ours to delete
