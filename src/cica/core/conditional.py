"""HTTP caching of the public pages and API reads: validators, conditional requests (304),
Cache-Control for shared caches, and compression where no secret is in the body.

A view declares what it reads, as a cached read does (core.cache), apps or models:

    @conditional(reads=("meetings", *registry.CACHE_READS))
    def meeting_list(request): ...

For an anonymous viewer, its ETag is a hash of the newest audit entry about what it reads (one
query), today (on which statuses depend), the language and time zone, the release (code,
templates, translations) and the address with its query. A request whose If-None-Match holds
that ETag gets a 304 before the view builds anything; otherwise the view runs and the
response carries the ETag, Last-Modified (that entry's time, or later: today's start, the
release) and `Cache-Control: public, max-age=CICA_PUBLIC_MAX_AGE`, so that a proxy, a CDN and
the browser may keep it. A signed-in viewer's pages hold their own links and CSRF tokens: they
get `private, no-cache` and no validators.

A response is shared only if nothing personal went into it, whatever the view declared: no
cookie set, no CSRF token rendered (that also keeps BREACH away from compressed bodies), no CSP
nonce made (a 304 has no body to carry a new one; and a nonce shared is no nonce).

A page that shows a kept read being rebuilt (core.kept) shows an older state than its ETag
would name: it gets `no-cache` and no validators, and is not kept.

A shared response is also kept whole in the records cache under its ETag, so that the next
anonymous reader of that address, in this worker or any other that shares the cache, gets it
for the one query of the check: building a page (its queries, its template) happens once per
state of what it reads, not once per reader. Kept are its body and the headers its view set;
the middleware adds theirs again on the way out, as they do for a page just built.
"""

import datetime as dt
import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

from cica.core import cache, clock, kept
from cica.core.release import release

# What a shared response depends on beside its address: the language (of the API, from
# Accept-Language) and the viewer, whose session cookie or token would change the page.
VARY = ("Accept-Language", "Cookie", "Authorization")
SAFE_METHODS = ("GET", "HEAD")
# What a page that shows from every part of the record reads (a state's page with its sections,
# a meeting with its decisions, a CBM activity with who recorded it).
RECORD = ("registry", "decisions", "meetings", "documents", "cbm", "accounts")


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)  # none on a response of a middleware above auth
    return (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META


def is_shared(request: HttpRequest) -> bool:
    """Whether the viewer is anonymous, so that the page is everyone's: no session user, no
    token, and no message waiting to be shown once (after signing out)."""
    return (
        hasattr(request, "user")
        and not _signed_in(request)
        and CookieStorage.cookie_name not in request.COOKIES
    )


# A body past this size (a PDF) is not kept whole: the cache is for pages.
PAGE_MAX_BYTES = 512 * 1024
# Headers the middleware set on every response, or this one sets from the validators: not kept.
_NOT_KEPT = {
    "cache-control",
    "content-encoding",
    "content-length",
    "content-security-policy",
    "etag",
    "last-modified",
    "vary",
}


def _page_key(validators: "Validators") -> str:
    return f"cica:page:{validators.etag.strip(chr(34))}"


def _kept_page(validators: "Validators") -> HttpResponse | None:
    whole = caches["records"].get(_page_key(validators))
    if whole is None:
        return None
    content, headers = whole
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response.kept_whole = True  # type: ignore[attr-defined]
    return response


def _keep_page(validators: "Validators", response: HttpResponseBase) -> None:
    if (
        response.status_code != 200
        or response.streaming
        or getattr(response, "kept_whole", False)
        or not isinstance(response, HttpResponse)
        or len(response.content) > PAGE_MAX_BYTES
    ):
        return
    headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_KEPT]
    caches["records"].set(_page_key(validators), (response.content, headers))


# The request's attribute that carries its Validators from the view's decorator to HttpCaching.
VALIDATORS = "http_validators"


class Validators:
    """A shared response's ETag and Last-Modified, and the newest entries they come from."""

    def __init__(self, request: HttpRequest, reads: tuple[str, ...]):
        self.entries = cache.newest_entries(reads)
        seq, hash_, at = max(self.entries.values(), key=lambda entry: entry[0])
        code, released = release()
        today = clock.today()
        parts = [
            f"{seq}-{hash_[:16]}",
            today.isoformat(),
            translation.get_language() or "",
            timezone.get_current_timezone_name(),
            code,
            request.get_full_path(),
        ]
        self.etag = quote_etag(hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32])
        # Statuses change at midnight in Astana and pages with a release, not only with entries.
        start_of_today = dt.datetime.combine(today, dt.time(), tzinfo=clock.ASTANA)
        self.last_modified = max(t for t in (at, start_of_today, released) if t)


def conditional(*, reads: tuple[str, ...]) -> Callable:
    """Answer a GET or HEAD of an anonymous viewer with validators of the state of what `reads`
    names, and a conditional one with 304 (or 412) without running the view. For HTML views and
    the API's handlers alike (HttpCaching sets the headers on what the view returns)."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def answer(request: HttpRequest, *args, **kwargs):
            if request.method not in SAFE_METHODS or not is_shared(request):
                return view(request, *args, **kwargs)
            validators = Validators(request, reads)
            setattr(request, VALIDATORS, validators)
            early = get_conditional_response(
                request,
                etag=validators.etag,
                last_modified=int(validators.last_modified.timestamp()),
            )
            if early is not None:
                return early
            whole = _kept_page(validators)
            if whole is not None:
                return whole
            # Its cached reads of what the check has just read need no query of their own.
            with cache.known_entries(validators.entries), kept.noticing_stale() as stale:
                response = view(request, *args, **kwargs)
            if stale[0]:
                # It shows a kept read the worker is rebuilding: its ETag would name a state of
                # the record it does not show. Asked again, it is built anew.
                patch_cache_control(response, no_cache=True)
            return response

        answer.conditional_reads = reads  # type: ignore[attr-defined]
        return answer

    return decorate


def _nothing_personal(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether the response holds nothing of the viewer's: no cookie set, no CSRF token shown,
    no CSP nonce used."""
    return (
        not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and getattr(request, "_csp_nonce", None) is None
    )


class HttpCaching:
    """Set the caching headers of each GET and HEAD (see the module's docstring) and compress
    the bodies that hold nothing personal. Above CSP and the middleware that write cookies, so
    that it sees what they added."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.gzip = GZipMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            return response
        validators: Validators | None = getattr(request, VALIDATORS, None)
        shareable = (
            response.status_code in (200, 304)
            and "Cache-Control" not in response
            and _nothing_personal(request, response)
        )
        if validators is not None and shareable:
            patch_cache_control(response, public=True, max_age=settings.CICA_PUBLIC_MAX_AGE)
            patch_vary_headers(response, VARY)
            response.headers.setdefault("ETag", validators.etag)
            modified = http_date(validators.last_modified.timestamp())
            response.headers.setdefault("Last-Modified", modified)
            if request.method == "GET":
                _keep_page(validators, response)
        elif "Cache-Control" not in response and (validators is not None or _signed_in(request)):
            # A signed-in viewer's page, or a public page that turned out personal.
            patch_cache_control(response, private=True, no_cache=True)
        if response.status_code == 304:
            # The browser keeps the stored body with the headers of the 304 merged in: a CSP
            # here would replace the one that matches that body. The 304 has no length.
            del response["Content-Security-Policy"]
            del response["Content-Length"]
        elif is_shared(request) and _nothing_personal(request, response):
            response = self.gzip.process_response(request, response)
        return response
