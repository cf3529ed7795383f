"""Django's Redis cache, with one Redis client per connection pool instead of one per operation.

Django builds a new `redis.Redis` for every cache call, and each one fills its table of response
callbacks (some 170 entries): a third of a millisecond of CPU per call, several calls on every
request (instance lookup, session, rate limits, page cache). A client holds no connection of its
own (it borrows one from the pool for each command), so one per pool is safe across threads.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._scripts = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ParticipeRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def incr_in_window(self, key, timeout, version=None):
        """Count one hit on `key`, which expires `timeout` seconds after its first; the new count."""
        return _incr_in_window(self._cache, self.make_and_validate_key(key, version=version), timeout)


# Counts a hit and, on the window's first, sets its expiry: atomic, one round trip.
_INCR_IN_WINDOW = """
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return hits
"""


def _incr_in_window(client_cache, key, timeout):
    client = client_cache.get_client(key, write=True)
    script = client_cache._scripts.get(id(client))
    if script is None:
        script = client_cache._scripts[id(client)] = client.register_script(_INCR_IN_WINDOW)
    return int(script(keys=[key], args=[int(timeout)]))
