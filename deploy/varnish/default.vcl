#
# Varnish 7.1 in front of the news site (issue 12). Debian: apt-get install varnish varnish-modules.
#
# The origin (gunicorn) decides what may be cached: anonymous reader pages answer
# "Cache-Control: public, max-age=0, s-maxage=N, stale-while-revalidate=30, stale-if-error=86400"
# and name what they show in an `xkey` header; everything personal answers `private`/`no-store` or
# sets a cookie, which Varnish's built-in rules never cache. After a change commits, the app sends
# `PURGE /` with `xkey-purge: story-12 list-home` (newsportal/edge.py) and the pages naming those
# keys are dropped at once.
#
# deploy/varnish/run-varnish starts varnishd with a copy of this file in which the lines marked
# ORIGIN_HOST, ORIGIN_PORT, ORIGIN_HOST_HEADER and PURGE_FROM carry its settings; loaded as it
# stands, this file fronts gunicorn on 127.0.0.1:8001 and takes purges from this machine only.

vcl 4.1;

import std;
import xkey;

# --- The origin, and how Varnish knows it is alive -------------------------------------------
# /healthz answers 200 while the database answers (the cache may be down: the site is slower but
# correct) and 503 when it does not. Three failed probes out of the last five mark the origin
# sick, a second or three after it stops answering; readers are then served cached pages for up
# to a day (grace, below) instead of errors.
backend origin {
    .host = "127.0.0.1";  # ORIGIN_HOST
    .port = "8001";  # ORIGIN_PORT
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    .probe = {
        # The Host header must be one of the origin's ALLOWED_HOSTS, or Django answers 400.
        .request =
            "GET /healthz HTTP/1.1"
            "Host: localhost"  # ORIGIN_HOST_HEADER
            "User-Agent: varnish-health-probe"
            "Connection: close";
        .expected_response = 200;
        .timeout = 2s;
        .interval = 1s;
        .window = 5;
        .threshold = 3;
        .initial = 3;  # healthy from the start; the origin is usually up before Varnish
    }
}

# --- Who may purge ---------------------------------------------------------------------------
# The app servers, which send the purges after each change. This machine by default; run-varnish
# adds the addresses or networks given in PURGE_FROM (e.g. "10.0.1.0/24 10.0.2.7").
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
    # PURGE_FROM
}

sub vcl_recv {
    # Marks only Varnish may set: a client sending them must not steer the cache.
    if (req.restarts == 0) {
        unset req.http.X-Edge-Stale-Retry;
        unset req.http.X-Edge-Lookup;
    }

    # Purge by surrogate key: every object whose `xkey` header names one of the keys in the
    # request's `xkey-purge` header (space-separated) is dropped, fresh or stale (a hard purge, so
    # the next reader gets the new page, not a stale-while-revalidate copy). Answers 200 with the
    # number of objects dropped.
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is not allowed from this address"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header: nothing to purge"));
        }
        set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.X-Purged));
    }

    # The edge's own health check: when the origin is sick, say so here rather than ask it.
    if (req.url ~ "^/healthz" && !std.healthy(req.backend_hint)) {
        return (synth(503, "Origin down"));
    }

    # Never from the cache: the newsroom and its admin, readers' accounts, the health check, and
    # anything but reading. Their cookies go to the origin untouched.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|accounts|newsroom)(/|$)" || req.url ~ "^/healthz") {
        return (pass);
    }
    # A signed-in reader gets their own page (their name, "Sign out", their comment forms), never
    # the anonymous copy. So does a reader carrying a one-off message (Django's `messages` cookie,
    # e.g. "check your inbox" after a newsletter sign-up): it must reach them once.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Any other cookie (analytics, a stale csrftoken) does not change an anonymous page: dropped,
    # so every anonymous reader shares one copy (the origin's `Vary: Cookie` then matches).
    unset req.http.Cookie;

    # Serve a stale copy while a fresh one is fetched in the background for stale-while-revalidate
    # (the origin sends 30 s) when the origin is healthy; when it is sick, or when it just failed
    # this request (the restart below), serve the last copy for up to a day (stale-if-error).
    if (req.http.X-Edge-Stale-Retry || !std.healthy(req.backend_hint)) {
        set req.grace = 24h;
    } else {
        set req.grace = 30s;
    }
    set req.http.X-Edge-Lookup = "1";
    # Varnish's built-in rules follow: the Host header lower-cased, Authorization passes.
}

sub vcl_backend_fetch {
    unset bereq.http.X-Edge-Lookup;
    # X-Edge-Stale-Retry stays on a retried fetch (vcl_backend_response reads it); it is harmless
    # to the origin.
}

sub vcl_backend_response {
    # Kept this long past its freshness for stale-if-error (the origin's value, a day): readers
    # get it while the origin is sick. Healthy, req.grace above limits stale copies to 30 s.
    if (beresp.http.Cache-Control ~ "stale-if-error=\d+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=(\d+).*$", "\1s"), 24h);
    }
    # An origin in trouble. Storing its error, even uncacheable, would replace the stale copy, so
    # the fetch is abandoned: a background refresh keeps the stale copy, a reader's fetch ends in
    # vcl_synth, which looks again accepting a copy up to a day old. Only when there is none does
    # the second fetch deliver the origin's own error page.
    if (beresp.status >= 500 && !bereq.uncacheable) {
        if (bereq.is_bgfetch || !bereq.http.X-Edge-Stale-Retry) {
            return (abandon);
        }
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Everything else by Varnish's built-in rules: no Set-Cookie, no private/no-store/no-cache,
    # a TTL from s-maxage (else max-age); each object is indexed by its `xkey` keys.
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);  # the stale copy stays
    }
    if (bereq.url ~ "^/healthz") {
        # The origin went down before the probe noticed: the same answer as in vcl_synth.
        set beresp.status = 503;
        set beresp.http.Content-Type = "application/json";
        set beresp.http.Cache-Control = "no-store";
        set beresp.body = {"{"status": "origin-down", "edge": "serving cached pages" }"};
        return (deliver);
    }
    # Other pages: abandoned, like an error status above, and looked up again in vcl_synth.
    if (!bereq.uncacheable && !bereq.http.X-Edge-Stale-Retry) {
        return (abandon);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The surrogate keys are for caches, not readers. `Age` (how long the copy has been cached)
    # is kept.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

sub vcl_synth {
    # The origin failed a reader's fetch (abandoned above): look again, accepting a copy up to a
    # day old (stale-if-error).
    if (resp.status == 503 && req.http.X-Edge-Lookup && !req.http.X-Edge-Stale-Retry) {
        set req.http.X-Edge-Stale-Retry = "1";
        return (restart);
    }
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
    # The edge's answer for /healthz when the origin is sick: it is down, but readers still get
    # the cached pages.
    if (req.url ~ "^/healthz" && resp.status == 503) {
        set resp.http.Content-Type = "application/json";
        set resp.http.Cache-Control = "no-store";
        set resp.body = {"{"status": "origin-down", "edge": "serving cached pages" }"};
        return (deliver);
    }
}
