"""Purges at the edge: the caches in front of the site (Varnish, Fastly, Cloudflare) drop the pages
that name a surrogate key once a change touching it has committed.

Every cacheable page names what it shows in its `xkey`, `Surrogate-Key` and `Cache-Tag` headers
(newsportal/surrogate.py); after a change commits the app calls ``purge_at_edge(keys)`` with the
keys it touched. Each purger in settings.EDGE_PURGERS is tried once, at once, with a short timeout
(a purge is what makes an editor's fix visible, so it should not wait for a worker). A purger that
fails costs the caller a logged warning and a queued task (`retry_purge`), which the task worker
runs again after each of EDGE_PURGE_RETRY_DELAYS and gives up on, logged as an error, after the
last. Nothing here raises into the caller: a purge that cannot be made leaves the edge serving the
old copy until its s-maxage runs out, which is better than failing the editor's save.

A task carries the purger's label, never its settings: API tokens stay out of the task table,
and the worker uses the purgers configured when it runs.
"""

import http.client
import json
import logging
import re
from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

logger = logging.getLogger(__name__)

# A key is a header token: visible ASCII, no space or comma (the separators of xkey, Surrogate-Key
# and Cache-Tag). Anything else would name other keys, or break the request's headers.
VALID_KEY = re.compile(r"[!-+\--~]+")


class PurgeFailed(Exception):
    """The edge did not confirm the purge (no answer, an error status, a refusal)."""


class WillRetry(Exception):
    """The purge failed; a later attempt is queued."""


class GaveUp(Exception):
    """The purge failed and no attempt is left (or none can be scheduled on this backend)."""


def _batches(keys: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(keys), size):
        yield keys[start : start + size]


def _request(url: str, method: str, path: str, *, headers: dict, body: bytes | None, timeout):
    """One HTTP request; the status and body, or PurgeFailed when the server cannot be reached."""
    parts = urlsplit(url)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException) as error:
        raise PurgeFailed(f"{method} {url}{path}: {error!r}") from error
    finally:
        connection.close()


class VarnishPurger:
    """`PURGE /` with the keys in an `xkey-purge` header, to each Varnish (deploy/varnish/default.vcl
    answers 200 after `xkey.purge`, 403 to an address outside its purge ACL)."""

    # Varnish refuses request headers longer than http_req_hdr_len (8 KB by default): keys are
    # sent in headers of at most this many bytes.
    max_header_bytes = 4000

    def __init__(self, urls: Iterable[str], timeout: float = 1.0):
        self.urls = [url.rstrip("/") for url in urls]
        self.timeout = timeout
        self.label = "varnish " + " ".join(self.urls)

    def _header_batches(self, keys: list[str]) -> Iterable[str]:
        batch = []
        for key in keys:
            if batch and len(" ".join([*batch, key])) > self.max_header_bytes:
                yield " ".join(batch)
                batch = []
            batch.append(key)
        if batch:
            yield " ".join(batch)

    def purge(self, keys: list[str]) -> None:
        failures = []
        # Every Varnish is tried, even after one failed: the others should not keep old pages.
        for url in self.urls:
            path = urlsplit(url).path or "/"
            for header in self._header_batches(keys):
                try:
                    status, body = _request(
                        url,
                        "PURGE",
                        path,
                        headers={"xkey-purge": header},
                        body=None,
                        timeout=self.timeout,
                    )
                except PurgeFailed as error:
                    failures.append(str(error))
                    break
                if status != 200:
                    failures.append(f"PURGE {url}: {status} {body[:200]!r}")
                    break
        if failures:
            raise PurgeFailed("; ".join(failures))


class FastlyPurger:
    """Fastly's batch purge by surrogate key: `POST /service/{id}/purge` with the keys in a
    `Surrogate-Key` header (space-separated) and the API token in `Fastly-Key`; up to 256 keys per
    request. https://www.fastly.com/documentation/reference/api/purging/ ("Purge multiple surrogate
    key tags": "Up to 256 surrogate keys can be purged in one batch request"). A hard purge, so the
    next reader gets the new page rather than a stale-while-revalidate copy."""

    max_keys = 256

    def __init__(
        self,
        service_id: str,
        api_token: str,
        api_url: str = "https://api.fastly.com",
        timeout: float = 1.0,
    ):
        self.service_id = service_id
        self.api_token = api_token
        self.api_url = api_url.rstrip("/")
        self.timeout = timeout
        self.label = f"fastly {service_id}"

    def purge(self, keys: list[str]) -> None:
        base_path = urlsplit(self.api_url).path
        for batch in _batches(keys, self.max_keys):
            status, body = _request(
                self.api_url,
                "POST",
                f"{base_path}/service/{self.service_id}/purge",
                headers={
                    "Fastly-Key": self.api_token,
                    "Surrogate-Key": " ".join(batch),
                    "Accept": "application/json",
                },
                body=b"",
                timeout=self.timeout,
            )
            if status != 200:
                raise PurgeFailed(f"Fastly purge: {status} {body[:200]!r}")


class CloudflarePurger:
    """Cloudflare's purge by cache-tag: `POST /zones/{zone_id}/purge_cache` with JSON
    `{"tags": [...]}` and `Authorization: Bearer <token>`; it answers `{"success": true, ...}`.
    https://developers.cloudflare.com/api/resources/cache/methods/purge/ and
    https://developers.cloudflare.com/cache/how-to/purge-cache/ (limits: at most 100 tags per
    request on every plan; older pages said 30, so a zone on an old contract can lower
    ``max_tags``). Tag purges are rate-limited per account (Free: 5 requests a minute): a 429 is a
    failure like any other and is retried with the back-off."""

    max_tags = 100

    def __init__(
        self,
        zone_id: str,
        api_token: str,
        api_url: str = "https://api.cloudflare.com/client/v4",
        timeout: float = 1.0,
        max_tags: int | None = None,
    ):
        self.zone_id = zone_id
        self.api_token = api_token
        self.api_url = api_url.rstrip("/")
        self.timeout = timeout
        if max_tags is not None:
            self.max_tags = max_tags
        self.label = f"cloudflare {zone_id}"

    def purge(self, keys: list[str]) -> None:
        base_path = urlsplit(self.api_url).path
        for batch in _batches(keys, self.max_tags):
            status, body = _request(
                self.api_url,
                "POST",
                f"{base_path}/zones/{self.zone_id}/purge_cache",
                headers={
                    "Authorization": f"Bearer {self.api_token}",
                    "Content-Type": "application/json",
                },
                body=json.dumps({"tags": batch}).encode(),
                timeout=self.timeout,
            )
            try:
                success = json.loads(body).get("success") is True
            except (ValueError, AttributeError):
                success = False
            if status != 200 or not success:
                raise PurgeFailed(f"Cloudflare purge: {status} {body[:200]!r}")


def configured_purgers() -> list:
    """The purgers of settings.EDGE_PURGERS (``{"BACKEND": dotted path, "OPTIONS": {...}}``)."""
    return [
        import_string(entry["BACKEND"])(**entry.get("OPTIONS", {}))
        for entry in settings.EDGE_PURGERS
    ]


def clean_keys(keys: Iterable[str]) -> list[str]:
    """The keys once each, in the order given; a key no edge could take is logged and left out."""
    cleaned = []
    for key in dict.fromkeys(keys):
        if isinstance(key, str) and VALID_KEY.fullmatch(key):
            cleaned.append(key)
        else:
            logger.warning("Not a surrogate key, not purged: %r", key)
    return cleaned


def retry_delay(attempt: int) -> timedelta | None:
    """How long to wait after failed attempt number ``attempt`` (1, 2, …); None after the last."""
    delays = settings.EDGE_PURGE_RETRY_DELAYS
    if attempt > len(delays):
        return None
    return timedelta(seconds=delays[attempt - 1])


PURGED, RETRYING, GAVE_UP = "purged", "retrying", "gave up"


def _attempt(purger, keys: list[str], *, attempt: int) -> str:
    """One attempt; on failure the next is queued, or the purge given up and logged as an error."""
    try:
        purger.purge(keys)
        return PURGED
    except Exception as error:  # noqa: BLE001 - whatever broke, the purge is retried or logged
        failure = error
    described = f"{' '.join(keys)} from {purger.label}"
    delay = retry_delay(attempt)
    if delay is None or not retry_purge.get_backend().supports_defer:
        logger.error("Gave up purging %s after %s attempt(s): %s", described, attempt, failure)
        return GAVE_UP
    try:
        retry_purge.using(run_after=timezone.now() + delay).enqueue(
            purger=purger.label, keys=keys, attempt=attempt + 1
        )
    except Exception:
        logger.exception("Purging %s failed (%s) and no retry could be queued", described, failure)
        return GAVE_UP
    logger.warning(
        "Purging %s failed (attempt %s), trying again in %s: %s", described, attempt, delay, failure
    )
    return RETRYING


@task()
def retry_purge(purger: str, keys: list[str], attempt: int) -> str:
    """Attempt number ``attempt`` at purging ``keys`` from the purger labelled ``purger``.

    Raises WillRetry when a later attempt is queued and GaveUp when none is left, so that the
    worker records every failed attempt; a purger no longer configured is dropped, logged."""
    for configured in configured_purgers():
        if configured.label == purger:
            outcome = _attempt(configured, keys, attempt=attempt)
            if outcome == RETRYING:
                raise WillRetry(f"attempt {attempt} at {purger}")
            if outcome == GAVE_UP:
                raise GaveUp(f"attempt {attempt} at {purger}")
            return outcome
    logger.error("No purger %s is configured any more: %s not purged", purger, " ".join(keys))
    return "purger gone"


def purge_at_edge(keys: Iterable[str]) -> None:
    """Purge ``keys`` from every configured edge; never raises (see the module's docstring)."""
    try:
        purgers = configured_purgers()
        if not purgers:
            return
        keys = clean_keys(keys)
        if not keys:
            return
        for purger in purgers:
            _attempt(purger, keys, attempt=1)
    except Exception:
        logger.exception("Purging at the edge failed")
