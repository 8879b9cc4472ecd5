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

    def tracked_mget(self, keys: tuple[str, ...]) -> list:
        """MGET of `keys`, remembered in this thread until Redis says one of them changed.

        The connection is this thread's and process's own (it goes away with the thread, so a
        server that starts a thread per request leaves no socket behind), to the first (writable)
        server, so no replica lag. It speaks RESP3 with CLIENT TRACKING on: Redis pushes an
        invalidation to it when a key it read is written, in the same pass as it answers the
        writer, so a request that starts after a writer's SET returned finds the push waiting on
        the socket. A remembered answer costs a poll of the socket; anything unexpected (a
        reconnect, a flush, an error) forgets everything."""
        own = self._own
        if getattr(own, "pid", None) != os.getpid():
            own.memo = {}
            pool = self._pool_class.from_url(self._servers[0], **{**self._pool_options, "protocol": 3})
            own.connection, own.pid, own.tracked = pool.get_connection(), os.getpid(), None
        connection, memo = own.connection, own.memo
        try:
            if own.tracked is not connection._sock or connection._sock is None:
                self._start_tracking(own)
            while memo and connection.can_read(timeout=0):
                connection.read_response(push_request=True)  # an invalidation: the handler forgets
            found = memo.get(keys)
            if found is None:
                connection.send_command("MGET", *keys)
                found = memo[keys] = connection.read_response()
            return found
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            memo.clear()
            connection.disconnect()  # e.g. Redis restarted: once more, on a new socket
            self._start_tracking(own)
            connection.send_command("MGET", *keys)
            return connection.read_response()

    @staticmethod
    def _start_tracking(own) -> None:
        own.memo.clear()
        connection = own.connection
        connection.connect()
        connection._parser.set_invalidation_push_handler(lambda _message: own.memo.clear())
        connection.send_command("CLIENT", "TRACKING", "ON")
        connection.read_response()
        own.tracked = connection._sock


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PortalRedisCacheClient
        self._made_keys: dict[str, str] = {}

    def get_ints(self, keys: list[str]) -> list[int | None]:
        """The integers under `keys` (Django's Redis serializer stores integers unpickled), in one
        MGET. For a small fixed set of keys read on every request (the page cache's versions): each
        key is built once per process, and the answer is remembered until Redis pushes a change
        of one of them (PortalRedisCacheClient.tracked_mget): a page served from the cache then
        needs no round trip to Redis at all, and is never older than the versions in Redis."""
        made = self._made_keys
        missing = [key for key in keys if key not in made]
        for key in missing:
            made[key] = self.make_and_validate_key(key)
        values = self._cache.tracked_mget(tuple(made[key] for key in keys))
        return [None if value is None else int(value) for value in values]
