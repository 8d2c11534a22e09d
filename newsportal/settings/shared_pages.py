"""Settings of readers' shared pages, read by base.py: what they tell edge caches, the surrogate
keys they carry, the purges of changes, and the app's own page and fragment caches."""

import environ

env = environ.Env()

# --- Caching of readers' pages: by the edge (Varnish or a CDN) and by the app itself
# (newsportal/pagecache.py, newsportal/surrogate.py). Which views take part is declared on the
# views (@page_cached). Every change purges the surrogate keys of what it touches, after its
# commit; a scheduled story's time and a banner's end are purged by the task worker's clock
# (articles/publication_clock.py), so lifetimes only bound what no purge announced.
# What anonymous readers' pages tell shared caches: keep a page this long (s-maxage), serve it
# this long past that while fetching a new one, and this long while the origin fails.
EDGE_CACHE_SECONDS = env.int("EDGE_CACHE_SECONDS", default=60 * 60)
EDGE_STALE_WHILE_REVALIDATE_SECONDS = env.int("EDGE_STALE_WHILE_REVALIDATE_SECONDS", default=30)
EDGE_STALE_IF_ERROR_SECONDS = env.int("EDGE_STALE_IF_ERROR_SECONDS", default=24 * 60 * 60)
# The headers that carry a page's keys (xkey: Varnish's xkey module; Surrogate-Key: Fastly;
# Cache-Tag: Cloudflare), and their size bound: Varnish refuses header lines over 8 KB.
SURROGATE_KEY_HEADERS = env.list(
    "SURROGATE_KEY_HEADERS", default=["xkey", "Surrogate-Key", "Cache-Tag"]
)
SURROGATE_KEY_HEADER_BYTES = 7_500
# A page built while one of its keys was purged, or this soon after, is not kept (and tells the
# edge to keep it 1 s): it may predate the change. It covers the app servers' clock differences
# and, with read replicas, their lag behind the primary.
PURGE_SETTLE_SECONDS = env.float(
    "PURGE_SETTLE_SECONDS", default=1.0 if env.list("DATABASE_REPLICA_URLS", default=[]) else 0.05
)
# Changes to these models purge every page (they have no finer rule: rare edits of legal texts
# and the newsroom pages, whose links are in every page's footer).
PURGE_EVERYTHING_MODELS = ["legal.*", "flatpages.*", "sites.*"]
# The app's own page cache, for anonymous readers (deployments without an edge, and the edge's
# misses): an entry is fresh until a key of it is purged, or for this long at most. 0: off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=10 * 60)
# Each app process keeps its last pages in memory too (about 30 KB each), so a hit reads only
# the keys' versions from Redis.
PAGE_CACHE_LOCAL_ENTRIES = env.int("PAGE_CACHE_LOCAL_ENTRIES", default=300)
# And its last fragments (a story's row and blocks, a discussion's comments, the menu's rows).
FRAGMENT_LOCAL_ENTRIES = env.int("FRAGMENT_LOCAL_ENTRIES", default=1000)
# While one request rebuilds a purged page, others get the previous copy for at most this long.
PAGE_CACHE_GRACE_SECONDS = env.int("PAGE_CACHE_GRACE_SECONDS", default=10)
# Past its freshness a copy is kept this much longer, for readers while the database is down
# (stale-if-error: served with "X-Page-Cache: stale" instead of the 503 page).
PAGE_CACHE_STALE_SECONDS = env.int("PAGE_CACHE_STALE_SECONDS", default=24 * 60 * 60)
# Fragments every reader's page shares (newsportal.surrogate.cached_fragment), signed-in readers'
# pages included: fresh until a key of theirs is purged, or this long at most.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=10 * 60)

# --- Edge caches in front of the site (newsportal/edge.py): after a change commits, the pages
# naming its surrogate keys are purged from each edge configured here; none by default. A failed
# purge is retried by the task worker after each of EDGE_PURGE_RETRY_DELAYS (s), then logged.
EDGE_PURGERS = []
if VARNISH_PURGE_URLS := env.list("VARNISH_PURGE_URLS", default=[]):  # admitted by its purge ACL
    EDGE_PURGERS.append(
        {"BACKEND": "newsportal.edge.VarnishPurger", "OPTIONS": {"urls": VARNISH_PURGE_URLS}}
    )
for _edge, _id_option in [("FASTLY", "service_id"), ("CLOUDFLARE", "zone_id")]:
    _id, _token = (env.str(f"{_edge}_{n}", default="") for n in (_id_option.upper(), "API_TOKEN"))
    if bool(_id) != bool(_token):
        raise ValueError(
            f"Set both {_edge}_{_id_option.upper()} and {_edge}_API_TOKEN, or neither."
        )
    if _id:  # FastlyPurger, CloudflarePurger
        _options = {_id_option: _id, "api_token": _token}
        EDGE_PURGERS.append(
            {"BACKEND": f"newsportal.edge.{_edge.title()}Purger", "OPTIONS": _options}
        )
EDGE_PURGE_RETRY_DELAYS = env.list("EDGE_PURGE_RETRY_DELAYS", cast=int, default=[2, 10, 60, 300])
