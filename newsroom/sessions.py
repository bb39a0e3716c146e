"""Sessions read through the cache (Redis) and kept in the database, that outlive a cache outage.

Django's cached_db store already survives a cache that fails to read or to store a session, but
not one that fails on the other calls: copying a session read from the database into the cache,
checking that a new session key is free (at every sign-in), deleting a session (at sign-out).
With Redis stopped those raise, and signing in or out would be a 500. Here every cache call is
guarded: the database, which holds every session anyway, answers alone. While the page cache
rests after a cache error (newsroom/cache.py) the cache is not asked at all.

A session deleted while the cache did not answer may still be in it when the cache returns
(a Redis that keeps its data across the outage): the deletion is made again by this process as
soon as the cache answers, so a signed-out session cannot come back.
"""

import logging
import threading

from django.contrib.sessions.backends import cached_db

from . import cache as page_cache

logger = logging.getLogger(__name__)

_pending_deletes = set()
_pending_lock = threading.Lock()


def _flush_pending(cache):
    """Delete the sessions whose deletion the cache missed; False if it still does not answer."""
    with _pending_lock:
        keys = list(_pending_deletes)
    if not keys:
        return True
    try:
        cache.delete_many(keys)
    except Exception as exc:  # noqa: BLE001
        page_cache._failed(exc, "deleting sessions")
        return False
    with _pending_lock:
        _pending_deletes.difference_update(keys)
    return True


class SessionStore(cached_db.SessionStore):
    def _cache_usable(self):
        return page_cache._available() and _flush_pending(self._cache)

    def load(self):
        data = None
        if self._cache_usable():
            try:
                data = self._cache.get(self.cache_key)
            except Exception as exc:  # noqa: BLE001
                page_cache._failed(exc, "reading a session")
        if data is not None:
            return data
        found = self._get_session_from_db()
        if not found:
            return {}
        data = self.decode(found.session_data)
        if self._cache_usable():
            try:
                self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=found.expire_date))
            except Exception as exc:  # noqa: BLE001
                page_cache._failed(exc, "storing a session")
        return data

    def exists(self, session_key):
        if session_key and self._cache_usable():
            try:
                if (self.cache_key_prefix + session_key) in self._cache:
                    return True
            except Exception as exc:  # noqa: BLE001
                page_cache._failed(exc, "looking up a session")
        return super(cached_db.SessionStore, self).exists(session_key)

    def save(self, must_create=False):
        super(cached_db.SessionStore, self).save(must_create)  # the database's save
        if not self._cache_usable():
            # A stale copy must not outlive the outage: delete it once the cache is back.
            with _pending_lock:
                _pending_deletes.add(self.cache_key)
            return
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception as exc:  # noqa: BLE001
            page_cache._failed(exc, "storing a session")
            with _pending_lock:
                _pending_deletes.add(self.cache_key)

    def delete(self, session_key=None):
        super(cached_db.SessionStore, self).delete(session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        key = self.cache_key_prefix + session_key
        if self._cache_usable():
            try:
                self._cache.delete(key)
                return
            except Exception as exc:  # noqa: BLE001
                page_cache._failed(exc, "deleting a session")
        with _pending_lock:
            _pending_deletes.add(key)
