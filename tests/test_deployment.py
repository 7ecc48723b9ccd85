"""The production settings (CICA_ENV=production, TLS at the proxy): Django's deploy checks pass,
and every response carries the security headers and safe cookies. Each runs in a fresh process,
since settings are read once, against the suite's database."""

import json
import os
import secrets
import subprocess
import sys

import pytest

from tests.conftest import suite_database_url

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
# No collectstatic here: the pages name their static files unhashed.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
client, answers = Client(), {}
for path in %(paths)r:
    response = client.get(path, secure=True, HTTP_HOST="127.0.0.1")
    answers[path] = {"status": response.status_code, "headers": dict(response.headers)}
cookie = client.cookies.get("csrftoken")
answers["csrf_cookie"] = {key: cookie[key] for key in ("secure", "httponly", "samesite")}
print(json.dumps(answers))
"""
PATHS = ["/en/", "/ru/states/", "/en/accounts/login/", "/api/v1/states", "/en/record/"]


def _production_env() -> dict:
    env = {
        **os.environ,
        "CICA_ENV": "production",
        "CICA_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_SETTINGS_MODULE": "cica.settings",
    }
    env["CICA_DATABASE_URL"] = suite_database_url()
    return env


def test_the_deploy_checks_pass(db):
    checked = subprocess.run(
        [sys.executable, "-m", "cica.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr


@pytest.fixture(scope="module")
def answers(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        env = _production_env()
    probed = subprocess.run(
        [sys.executable, "-c", PROBE % {"paths": PATHS}],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probed.returncode == 0, probed.stderr
    return json.loads(probed.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(answers, path):
    answer = answers[path]
    headers = answer["headers"]
    assert answer["status"] == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_cookies_are_secure_http_only_and_same_site(answers):
    assert answers["csrf_cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
