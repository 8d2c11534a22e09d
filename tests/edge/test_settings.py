"""EDGE_PURGERS comes from the environment; half a CDN's credentials stop the site at start-up."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
EDGE_VARIABLES = {
    "VARNISH_PURGE_URLS",
    "FASTLY_SERVICE_ID",
    "FASTLY_API_TOKEN",
    "CLOUDFLARE_ZONE_ID",
    "CLOUDFLARE_API_TOKEN",
}


def load_settings(**environment):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in EDGE_VARIABLES and not k.startswith("DJANGO_")
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="newsportal.settings.dev")
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.EDGE_PURGERS))",
        ],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_no_edge_is_configured_by_default():
    assert json.loads(load_settings().stdout) == []


def test_each_edge_comes_from_its_variables():
    loaded = load_settings(
        VARNISH_PURGE_URLS="http://127.0.0.1:6081,http://10.0.0.2:6081",
        FASTLY_SERVICE_ID="svc",
        FASTLY_API_TOKEN="ft",
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_API_TOKEN="ct",
    )
    assert json.loads(loaded.stdout) == [
        {
            "BACKEND": "newsportal.edge.VarnishPurger",
            "OPTIONS": {"urls": ["http://127.0.0.1:6081", "http://10.0.0.2:6081"]},
        },
        {
            "BACKEND": "newsportal.edge.FastlyPurger",
            "OPTIONS": {"service_id": "svc", "api_token": "ft"},
        },
        {
            "BACKEND": "newsportal.edge.CloudflarePurger",
            "OPTIONS": {"zone_id": "zone", "api_token": "ct"},
        },
    ]


def test_an_id_without_its_token_is_refused():
    loaded = load_settings(FASTLY_SERVICE_ID="svc")
    assert loaded.returncode != 0
    assert "Set both FASTLY_SERVICE_ID and FASTLY_API_TOKEN, or neither." in loaded.stderr
    loaded = load_settings(CLOUDFLARE_API_TOKEN="ct")
    assert "Set both CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN, or neither." in loaded.stderr
