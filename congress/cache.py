"""The portal's Redis cache backend: Django's, keeping one redis client per connection pool.
Django builds a new `redis.Redis` for every operation, and each one rebuilds its table of response
callbacks (about a millisecond of CPU): on a cached public page that was most of the work."""

import os
import threading

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class PortalRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._own = threading.local()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:  # redis.Redis is thread-safe; its pool reconnects after a fork
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def own_connection(self):
        """A connection to the first (writable) server for this thread and process alone, from a
        pool of its own: it goes away with the thread, so a server that starts a thread per request
        leaves no socket behind. Reads that must be fresh (no replica lag) and cheap use it."""
        own = self._own
        if getattr(own, "pid", None) != os.getpid():
            pool = self._pool_class.from_url(self._servers[0], **self._pool_options)
            own.connection, own.pid = pool.get_connection(), os.getpid()
        return own.connection


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PortalRedisCacheClient
        self._made_keys: dict[str, str] = {}

    def get_ints(self, keys: list[str]) -> list[int | None]:
        """The integers under `keys` (Django's Redis serializer stores integers unpickled), in one
        MGET. For a small fixed set of keys read on every request (the page cache's versions): each
        key is built once per process, and the MGET goes over this thread's own connection, which
        costs a fraction of a checkout from the pool through redis.Redis (most of a cached page's
        time otherwise)."""
        made = self._made_keys
        missing = [key for key in keys if key not in made]
        for key in missing:
            made[key] = self.make_and_validate_key(key)
        command = [made[key] for key in keys]
        connection = self._cache.own_connection()
        try:
            connection.send_command("MGET", *command)
            values = connection.read_response()
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            connection.disconnect()  # e.g. Redis restarted: once more on a new socket
            connection.send_command("MGET", *command)
            values = connection.read_response()
        return [None if value is None else int(value) for value in values]

