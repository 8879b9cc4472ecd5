"""Cached public pages: the one way an app caches a page (or download) that shows published or
otherwise public data, identical for every anonymous reader.

    @published_page(topics=("publication",), params=("quarter", "format"))
    def ranking(request): ...

- The rendered response is kept in the default cache (Redis when REDIS_URL is set, else local
  memory), keyed by the view, the language, the reader's display preference (care mode), the
  host, the full path and the *version* of the topics the page reads.
- A topic's version is the highest id of its rows in `congress.PageVersion`, an append-only log
  that `changed(topic)` (or a model registered with `watch(topic, Model, …)`) writes in the
  writer's own transaction: the new version becomes visible together with the new data, so no
  reader can be served a page older than the data it can see (never a stale figure after a
  publication or a correction). With a shared cache (Redis) the versions themselves are cached
  and refreshed after commit, so a hit costs no SQL; with local memory (one cache per process)
  the versions are read from the database, one indexed query per hit. The versions are read in
  one MGET over the thread's own Redis connection (congress.cache): it is most of what a hit costs.
- Only anonymous GETs without a session or messages cookie and with no query parameter outside
  `params` are cached (others are rendered as usual). Nothing user-specific is stored: a page
  whose rendering holds a CSRF token (a form: one reader's secret) is never cached; it renders a
  placeholder that is replaced by the reader's token. The header's display forms (language,
  care mode) need no token (congress.preferences), so every published page is the same bytes for
  every reader. Set-Cookie is never cached.
- A hit compresses nothing: the page's gzip copy is made when it is rendered and kept beside it.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from congress.preferences import care_mode_on

logger = logging.getLogger(__name__)

# What {% csrf_token %} writes while a cacheable page renders; replaced per response.
CSRF_PLACEHOLDER = "pagecacheCsrfTokenPlaceholder0000"
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "X-Publication-Digest")
_VERSION_KEY = "pagecache:v:{topic}"

TOPICS: set[str] = set()
WATCHED: dict[str, list] = {}  # topic -> the models whose saves and deletes change it
# Topics of data no public page shows (the live ledger): their versions key private caches (a
# deputy's live standing), and the pages that read every topic (home, profiles) leave them out.
PRIVATE_TOPICS: set[str] = set()

# With a shared cache, each process also keeps the pages it served last in its own memory: the key
# holds the version, so a copy here is exactly as fresh as the shared one, and a hit then costs one
# small read of the versions instead of fetching the whole body from Redis.
_local: OrderedDict[str, tuple] = OrderedDict()
_local_lock = threading.Lock()


def _local_get(key: str):
    with _local_lock:
        entry = _local.get(key)
        if entry is not None:
            _local.move_to_end(key)
        return entry


def _local_set(key: str, entry: tuple) -> None:
    with _local_lock:
        _local[key] = entry
        _local.move_to_end(key)
        while len(_local) > getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 200):
            _local.popitem(last=False)


def _seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 6 * 3600)


def _enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def _shared_cache() -> bool:
    """Whether every process sees the same cache (Redis); local memory is per process."""
    return type(caches["default"]).__name__ not in {"LocMemCache", "DummyCache"}


# --- versions --------------------------------------------------------------------------------------

def _db_versions(topics: Iterable[str], using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    from congress.models import PageVersion

    found = dict(PageVersion.objects.using(using).filter(topic__in=list(topics)).values("topic")
                 .annotate(latest=Max("id")).values_list("topic", "latest"))
    return {topic: found.get(topic, 0) for topic in topics}


def _refresh_shared(topic: str, using: str) -> None:
    """After commit: write the topic's version to the shared cache. Read again after writing so
    that of two writers committing together, the later value is the one that stays."""
    key = _VERSION_KEY.format(topic=topic)
    for _ in range(3):
        value = _db_versions([topic], using)[topic]
        cache.set(key, value, None)
        if _db_versions([topic], using)[topic] == value:
            return


def changed(topic: str, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Record that what public pages show under `topic` changed (in the caller's transaction).
    Called by watched models' signals, and by bulk writers (imports, generators) once at the end."""
    from congress.models import PageVersion

    if topic not in PRIVATE_TOPICS:
        TOPICS.add(topic)
    PageVersion.objects.using(using).create(topic=topic)
    if _shared_cache():
        transaction.on_commit(lambda: _refresh_shared(topic, using), using=using)


def changed_models(models, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """changed() for every topic that watches one of `models`, once each: for writers that
    bypass signals (bulk imports)."""
    for topic, watched in WATCHED.items():
        if any(model in watched for model in models):
            changed(topic, using=using)


def fingerprint() -> dict[str, tuple]:
    """Per topic, the row count and highest id of each watched model: what a bulk writer (the demo)
    compares before and after to tell whether it changed a topic (`changed()` only then)."""
    from django.db.models import Count

    return {topic: tuple(tuple(model._default_manager.aggregate(n=Count("pk"), top=Max("pk")).values())
                         for model in models)
            for topic, models in WATCHED.items()}


def watch(topic: str, *models, public: bool = True) -> None:
    """Every save or delete of these models changes `topic` (call in AppConfig.ready()).
    Writes that bypass signals (queryset.update, bulk_create) call changed(topic) themselves.
    `public=False`: no public page shows these models (PRIVATE_TOPICS)."""
    (TOPICS if public else PRIVATE_TOPICS).add(topic)
    WATCHED.setdefault(topic, []).extend(models)

    def on_change(sender, using=DEFAULT_DB_ALIAS, **kwargs):
        changed(topic, using=using)

    for model in models:
        label = model._meta.label_lower
        post_save.connect(on_change, sender=model, weak=False, dispatch_uid=f"pagecache:{topic}:{label}:save")
        post_delete.connect(on_change, sender=model, weak=False, dispatch_uid=f"pagecache:{topic}:{label}:delete")


def current_version(topics: Iterable[str]) -> int:
    """The version of a page reading `topics`: the highest of their versions."""
    topics = sorted(set(topics))
    if not topics:
        return 0
    if not _shared_cache():
        return max(_db_versions(topics).values())
    keys = [_VERSION_KEY.format(topic=topic) for topic in topics]
    get_ints = getattr(cache, "get_ints", None)  # congress.cache: one MGET, no pickle, keys built once
    if get_ints is not None:
        values = get_ints(keys)
    else:
        found = cache.get_many(keys)
        values = [found.get(key) for key in keys]
    missing = [topic for topic, value in zip(topics, values, strict=True) if value is None]
    if missing:
        read = _db_versions(missing)
        for topic, value in read.items():
            # add, not set: a writer's refresh after commit always wins over a reader's older read.
            cache.add(_VERSION_KEY.format(topic=topic), value, None)
        values = [read[topic] if value is None else value for topic, value in zip(topics, values, strict=True)]
    return max(values)


# --- pages -----------------------------------------------------------------------------------------

def _cacheable_request(request, params: Iterable[str]) -> bool:
    if request.method != "GET" or not _enabled():
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies:
        return False  # a logged-in user, or a pending message: render for this reader alone
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    return set(request.GET).issubset(params)


def _variant(request) -> str:
    """What the shared header shows differently to anonymous readers: their display preferences
    (care mode, a cookie). The language is in the key too; anything else of the reader never is."""
    return "care" if care_mode_on(request) else "plain"


def _key(request, name: str, version: int) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    # "page3": entries are (status, headers, body, gzip copy); an older layout is never read back.
    return f"pagecache:page3:{name}:{get_language()}:{_variant(request)}:{version}:{digest}"


def _accepts_gzip(request) -> bool:
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "").lower()


def _compressed(body: bytes) -> bytes | None:
    """The gzip copy kept beside a cached page, made once when it is rendered (None when gzip
    would not shrink it). No padding against BREACH: a cached page holds no secret."""
    if len(body) < 200:
        return None
    packed = gzip.compress(body, compresslevel=6, mtime=0)
    return packed if len(packed) < len(body) else None


def _hit_response(request, entry: tuple) -> HttpResponse:
    """The cached page as it was rendered, gzipped from its kept copy when the reader accepts it."""
    status, headers, body, packed = entry
    if packed is not None and _accepts_gzip(request):
        response = HttpResponse(packed, status=status)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(body, status=status)
    for header, value in headers:
        response[header] = value
    patch_vary_headers(response, ("Accept-Encoding", "Accept-Language", "Cookie"))
    response["X-Page-Cache"] = "hit"
    return response


def _with_reader_token(request, response: HttpResponse) -> HttpResponse:
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder in response.content:
        response.content = response.content.replace(placeholder, get_token(request).encode())
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def published_page(*, topics: Iterable[str] | None = None, params: Iterable[str] = (),
                   skip: Callable | None = None) -> Callable:
    """Decorate a public view whose response depends only on the URL, the language and the data
    of `topics` (None: every topic, e.g. the home page's figures from every app). `params` are the
    query parameters the view reads; a request with any other parameter is not cached, nor one for
    which `skip(request)` is true (e.g. a free-text search, which would fill the cache)."""
    params = frozenset(params)

    def decorator(view):
        name = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable_request(request, params) or (skip is not None and skip(request)):
                return view(request, *args, **kwargs)
            version = current_version(TOPICS if topics is None else topics)
            key = _key(request, name, version)
            shared = _shared_cache()
            entry = _local_get(key) if shared else None
            if entry is None:
                entry = cache.get(key)
                if entry is not None and shared:
                    _local_set(key, entry)
            if entry is not None:
                return _hit_response(request, entry)
            request.page_cache_rendering = True  # {% csrf_token %} writes the placeholder
            response = view(request, *args, **kwargs)
            if getattr(response, "streaming", False):
                return response
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            placeholder = CSRF_PLACEHOLDER.encode()
            if response.status_code == 200 and not response.cookies and placeholder not in response.content:
                # A page with a form (a CSRF token: one reader's) is rendered for each reader.
                headers = [(h, response[h]) for h in _KEPT_HEADERS if response.has_header(h)]
                entry = (response.status_code, headers, response.content, _compressed(response.content))
                cache.set(key, entry, _seconds())
                if _shared_cache():
                    _local_set(key, entry)
                response["X-Page-Cache"] = "miss"
            return _with_reader_token(request, response)

        wrapped.page_cache_topics = topics
        return wrapped

    return decorator
