"""The portal's Redis cache backend: Django's, keeping one redis client per connection pool.
Django builds a new `redis.Redis` for every operation, and each one rebuilds its table of response
callbacks (about a millisecond of CPU): on a cached public page that was most of the work."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class PortalRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:  # redis.Redis is thread-safe; its pool reconnects after a fork
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PortalRedisCacheClient
