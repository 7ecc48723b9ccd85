"""CSRF: no unsafe request of a signed-in session goes through without the token, on any route
of the site or the API (a bearer token needs none: it is not sent by the browser on its own)."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern

from cica.api import api

SAMPLES = {"int": "1", "str": "KZ", "slug": "x", "path": "x", "uuid": "0" * 32}
UNSAFE = ("post", "put", "patch", "delete")


def _routes(patterns=None, prefix: str = "") -> list[str]:
    """Every route of the URLconf as a concrete path, its parameters given sample values."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry.pattern, LocalePrefixPattern):
            part = "en/"
        elif isinstance(entry.pattern, RegexPattern):  # allauth's: a sample for each group
            part = re.sub(r"\(\?P<\w+>[^)]*\)", "x", str(entry.pattern)).strip("^$")
        else:
            part = re.sub(
                r"<(?:(\w+):)?\w+>", lambda m: SAMPLES[m.group(1) or "str"], str(entry.pattern)
            )
        if isinstance(entry, URLResolver):
            found += _routes(entry.url_patterns, prefix + part)
        elif isinstance(entry, URLPattern):
            found.append("/" + prefix + part)
    return found


def _page_routes() -> list[str]:
    return sorted(r for r in set(_routes()) if not r.startswith(("/api/", "/static/")))


def _api_operations() -> list[tuple[str, str]]:
    """Every unsafe API operation that accepts the site's session."""
    schema = api.get_openapi_schema()
    return sorted(
        (method, re.sub(r"\{\w+\}", "1", path))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in UNSAFE and {"SessionAuth": []} in operation.get("security", [])
    )


@pytest.fixture
def signed_in(secretariat_officer) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat_officer)
    return client


def test_the_routes_are_found():
    assert "/en/accounts/login/" in _page_routes()
    assert len(_api_operations()) > 20


@pytest.mark.parametrize("path", _page_routes())
def test_a_page_refuses_a_post_without_the_token(signed_in, path):
    response = signed_in.post(path, {})
    assert response.status_code == 403, path
    assert b"CSRF" in response.content


@pytest.mark.parametrize(("method", "path"), _api_operations())
def test_the_api_refuses_a_session_write_without_the_token(signed_in, method, path):
    response = getattr(signed_in, method)(path, {}, content_type="application/json")
    assert response.status_code == 403, (method, path)
    assert b"CSRF" in response.content
