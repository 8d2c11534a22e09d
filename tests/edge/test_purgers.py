"""newsportal/edge.py against local stub servers: what each purger sends, in how many requests,
and what happens when the edge does not take it (retried by the worker, never raised)."""

import json
import logging
import socket

import pytest
from django.utils import timezone

from newsportal import edge
from newsportal.edge import CloudflarePurger, FastlyPurger, PurgeFailed, VarnishPurger
from tests.mail_server import queued_mail_tasks, run_worker

from .stub import StubServer


@pytest.fixture
def stub():
    server = StubServer()
    yield server
    server.stop()


def nothing_listens() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def fastly(url):
    return {
        "BACKEND": "newsportal.edge.FastlyPurger",
        "OPTIONS": {"service_id": "SVC123", "api_token": "fastly-token", "api_url": url},
    }


def cloudflare(url):
    return {
        "BACKEND": "newsportal.edge.CloudflarePurger",
        "OPTIONS": {"zone_id": "zone9", "api_token": "cf-token", "api_url": url + "/client/v4"},
    }


def varnish(*urls):
    return {"BACKEND": "newsportal.edge.VarnishPurger", "OPTIONS": {"urls": list(urls)}}


def many_keys(count):
    return [f"story-{number}" for number in range(count)]


# --- What each purger sends --------------------------------------------------------------------


def test_fastly_posts_the_keys_in_a_surrogate_key_header_with_the_token(stub):
    FastlyPurger("SVC123", "fastly-token", api_url=stub.url).purge(["story-12", "list-home"])
    [request] = stub.requests
    assert (request.method, request.path) == ("POST", "/service/SVC123/purge")
    assert request.headers["Fastly-Key"] == "fastly-token"
    assert request.headers["Surrogate-Key"] == "story-12 list-home"
    assert request.headers["Accept"] == "application/json"
    assert "Fastly-Soft-Purge" not in request.headers  # a hard purge: the edit shows at once
    assert request.body == b""


def test_fastly_sends_at_most_256_keys_a_request(stub):
    keys = many_keys(600)
    FastlyPurger("SVC123", "t", api_url=stub.url).purge(keys)
    batches = [request.headers["Surrogate-Key"].split(" ") for request in stub.requests]
    assert [len(batch) for batch in batches] == [256, 256, 88]
    assert [key for batch in batches for key in batch] == keys


def test_cloudflare_posts_the_tags_as_json_with_a_bearer_token(stub):
    stub.body = b'{"success": true, "errors": [], "messages": [], "result": {"id": "x"}}'
    CloudflarePurger("zone9", "cf-token", api_url=stub.url + "/client/v4").purge(
        ["story-12", "discussion-12"]
    )
    [request] = stub.requests
    assert (request.method, request.path) == ("POST", "/client/v4/zones/zone9/purge_cache")
    assert request.headers["Authorization"] == "Bearer cf-token"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.body) == {"tags": ["story-12", "discussion-12"]}


def test_cloudflare_sends_at_most_100_tags_a_request(stub):
    stub.body = b'{"success": true}'
    keys = many_keys(250)
    CloudflarePurger("zone9", "t", api_url=stub.url).purge(keys)
    batches = [json.loads(request.body)["tags"] for request in stub.requests]
    assert [len(batch) for batch in batches] == [100, 100, 50]
    assert [key for batch in batches for key in batch] == keys


def test_cloudflare_answering_200_without_success_is_a_failure(stub):
    stub.body = b'{"success": false, "errors": [{"code": 1134, "message": "Purge rate limited"}]}'
    with pytest.raises(PurgeFailed, match="1134"):
        CloudflarePurger("zone9", "t", api_url=stub.url).purge(["site"])


def test_varnish_sends_purge_with_the_keys_in_an_xkey_purge_header(stub):
    VarnishPurger([stub.url]).purge(["story-12", "list-home"])
    [request] = stub.requests
    assert (request.method, request.path) == ("PURGE", "/")
    assert request.headers["xkey-purge"] == "story-12 list-home"


def test_varnish_headers_stay_under_its_request_header_limit(stub):
    keys = many_keys(2000)
    VarnishPurger([stub.url]).purge(keys)
    headers = [request.headers["xkey-purge"] for request in stub.requests]
    assert len(headers) > 1
    assert all(len(header) <= VarnishPurger.max_header_bytes for header in headers)
    assert " ".join(headers).split(" ") == keys


def test_every_varnish_is_purged_even_when_one_does_not_answer(stub):
    with pytest.raises(PurgeFailed):
        VarnishPurger([nothing_listens(), stub.url]).purge(["story-1"])
    assert [request.headers["xkey-purge"] for request in stub.requests] == ["story-1"]


@pytest.mark.parametrize("status", [403, 500, 503])
def test_an_error_status_is_a_failure(stub, status):
    stub.status = status
    for purger in [
        VarnishPurger([stub.url]),
        FastlyPurger("S", "t", api_url=stub.url),
        CloudflarePurger("Z", "t", api_url=stub.url),
    ]:
        with pytest.raises(PurgeFailed, match=str(status)):
            purger.purge(["site"])


def test_a_purger_waits_at_most_its_timeout():
    # A listening socket that never accepts: the request hangs until the timeout.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(0)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = timezone.now()
        with pytest.raises(PurgeFailed):
            FastlyPurger("S", "t", api_url=url, timeout=0.3).purge(["site"])
    assert (timezone.now() - started).total_seconds() < 2


# --- purge_at_edge ---------------------------------------------------------------------------


def test_with_no_edge_configured_nothing_is_sent(settings, stub):
    settings.EDGE_PURGERS = []
    edge.purge_at_edge(["story-1"])
    assert stub.requests == []


def test_keys_are_sent_once_each_in_the_order_given(settings, stub):
    settings.EDGE_PURGERS = [fastly(stub.url)]
    edge.purge_at_edge(iter(["story-1", "list-home", "story-1", "site", "list-home"]))
    [request] = stub.requests
    assert request.headers["Surrogate-Key"] == "story-1 list-home site"


def test_a_key_no_edge_could_take_is_left_out_and_logged(settings, stub, caplog):
    settings.EDGE_PURGERS = [varnish(stub.url)]
    edge.purge_at_edge(["story-1", "two words", "a,b", "line\r\nX-Injected: 1", "", "tag-ğ"])
    [request] = stub.requests
    assert request.headers["xkey-purge"] == "story-1"
    assert "X-Injected" not in request.headers
    assert caplog.text.count("Not a surrogate key") == 5


def test_every_configured_edge_is_purged(settings, stub):
    stub.body = b'{"success": true}'
    settings.EDGE_PURGERS = [varnish(stub.url), fastly(stub.url), cloudflare(stub.url)]
    edge.purge_at_edge(["story-7"])
    assert [request.method for request in stub.requests] == ["PURGE", "POST", "POST"]


def test_on_a_backend_that_cannot_wait_a_failure_is_one_attempt_logged_as_an_error(
    settings, stub, caplog
):
    """The ImmediateBackend of the test settings cannot run a task later."""
    stub.status = 503
    settings.EDGE_PURGERS = [fastly(stub.url)]
    with caplog.at_level(logging.WARNING, logger="newsportal.edge"):
        edge.purge_at_edge(["story-1"])
    assert len(stub.requests) == 1
    [record] = [r for r in caplog.records if r.name == "newsportal.edge"]
    assert record.levelno == logging.ERROR
    assert "Gave up purging story-1 from fastly SVC123 after 1 attempt" in record.getMessage()


class Broken:
    label = "broken"

    def __init__(self, **options):
        pass

    def purge(self, keys):
        raise RuntimeError("a bug in a purger")


@pytest.mark.parametrize(
    "configuration",
    [
        [{"BACKEND": "tests.edge.test_purgers.Broken"}],
        [{"BACKEND": "newsportal.edge.NoSuchPurger"}],
        [{"BACKEND": "newsportal.edge.FastlyPurger", "OPTIONS": {"unexpected": 1}}],
    ],
)
def test_purge_at_edge_never_raises(settings, configuration, caplog):
    settings.EDGE_PURGERS = configuration
    assert edge.purge_at_edge(["story-1"]) is None
    assert any(record.levelno >= logging.ERROR for record in caplog.records)


# --- Retries by the task worker (the database queue, as in production) -----------------------


@pytest.fixture
def short_purge_retries(settings, time_machine):
    settings.EDGE_PURGE_RETRY_DELAYS = [30, 120]
    time_machine.move_to(timezone.now(), tick=False)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue", "short_purge_retries")
def test_a_failed_purge_is_queued_and_the_worker_purges_once_the_edge_is_back(
    settings, stub, time_machine, caplog
):
    stub.status = 503
    settings.EDGE_PURGERS = [fastly(stub.url)]
    with caplog.at_level(logging.WARNING, logger="newsportal.edge"):
        edge.purge_at_edge(["story-1", "list-home"])
    assert len(stub.requests) == 1
    assert "trying again in 0:00:30" in caplog.text
    [retry] = queued_mail_tasks()
    assert retry.run_after == timezone.now() + timezone.timedelta(seconds=30)
    assert "fastly-token" not in json.dumps(retry.args_kwargs)  # tokens stay in the settings

    run_worker()  # not due yet
    assert len(stub.requests) == 1

    stub.status = 200
    time_machine.shift(31)
    run_worker()
    assert [r.headers["Surrogate-Key"] for r in stub.requests] == ["story-1 list-home"] * 2
    assert queued_mail_tasks() == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue", "short_purge_retries")
def test_retries_back_off_and_end_with_an_error(settings, stub, time_machine, caplog):
    stub.status = 500
    settings.EDGE_PURGERS = [varnish(stub.url)]
    edge.purge_at_edge(["story-1"])
    [first] = queued_mail_tasks()
    time_machine.shift(31)
    run_worker()
    [second] = queued_mail_tasks()
    assert second.run_after == timezone.now() + timezone.timedelta(seconds=120)
    time_machine.shift(121)
    with caplog.at_level(logging.ERROR, logger="newsportal.edge"):
        run_worker()
    assert len(stub.requests) == 3  # the first and one after each of the two delays
    assert queued_mail_tasks() == []
    assert "Gave up purging story-1 from varnish " + stub.url + " after 3 attempt" in caplog.text


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue", "short_purge_retries")
def test_a_retry_for_an_edge_no_longer_configured_is_dropped(settings, stub, time_machine, caplog):
    stub.status = 503
    settings.EDGE_PURGERS = [fastly(stub.url)]
    edge.purge_at_edge(["story-1"])
    settings.EDGE_PURGERS = [cloudflare(stub.url)]
    time_machine.shift(31)
    with caplog.at_level(logging.ERROR, logger="newsportal.edge"):
        run_worker()
    assert "No purger fastly SVC123 is configured any more" in caplog.text
    assert len(stub.requests) == 1 and queued_mail_tasks() == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("database_queue")
def test_a_queue_that_cannot_be_reached_is_logged_not_raised(settings, stub, monkeypatch, caplog):
    stub.status = 503
    settings.EDGE_PURGERS = [fastly(stub.url)]

    def unreachable(**kwargs):
        raise ConnectionError("the queue is down")

    monkeypatch.setattr(type(edge.retry_purge), "using", lambda self, **kw: self)
    monkeypatch.setattr(type(edge.retry_purge), "enqueue", lambda self, **kw: unreachable())
    assert edge.purge_at_edge(["story-1"]) is None
    assert "no retry could be queued" in caplog.text
    assert queued_mail_tasks() == []
