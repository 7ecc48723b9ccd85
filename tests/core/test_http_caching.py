"""HTTP caching (core.conditional): every public page and API read answers an anonymous viewer
with an ETag and Last-Modified, shareable for a short while; a conditional request gets 304
before the page is built; a change to what the page reads gives a new ETag, a change to
anything else does not; a signed-in viewer's pages are private; HEAD works; bodies compress."""

import datetime as dt
import gzip

import pytest
from csp.middleware import CSPMiddleware
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from cica.api import api
from cica.cbm import actions as cbm
from cica.cbm.models import PriorityArea
from cica.core import clock
from cica.core.conditional import HttpCaching, conditional
from cica.decisions import actions as decisions
from cica.decisions.models import Decision
from cica.documents import actions as documents
from cica.documents.models import Document
from cica.meetings.models import Meeting
from cica.registry import actions as registry
from cica.registry.models import State
from tests.conftest import bearer_client

# Every public page, by its route's name, at an address with sample values.
PAGES = {
    "portal:home": "/en/",
    "portal:about": "/en/about/",
    "portal:states": "/en/states/?status=member",
    "portal:state": "/en/states/KZ/",
    "portal:organizations": "/en/organizations/",
    "portal:bodies": "/en/bodies/",
    "portal:chairmanships": "/en/chairmanships/",
    "portal:secretariat": "/en/secretariat/",
    "portal:sources": "/en/sources/",
    "portal:figures": "/en/figures/",
    "meetings:meetings": "/en/meetings/",
    "meetings:meeting": "/en/meetings/{meeting}/",
    "meetings:statistics": "/en/meetings/statistics/",
    "meetings:participation_chart": "/en/meetings/statistics/summit.svg",
    "meetings:cycles": "/en/cycles/",
    "meetings:calendar": "/en/calendar/",
    "meetings:calendar_year": "/en/calendar/2024/?month=4",
    "documents:documents": "/ru/documents/",
    "documents:search": "/en/documents/search/?q=security",
    "documents:matrix": "/en/documents/status/",
    "documents:document": "/en/documents/almaty-act/",
    "documents:print": "/en/documents/almaty-act/print/",
    "documents:pdf": "/en/documents/almaty-act/pdf/",
    "documents:file": "/en/documents/almaty-act/files/{document_file}/",
    "decisions:decisions": "/en/decisions/",
    "decisions:competence": "/en/decisions/competence/",
    "decisions:decision": "/en/decisions/{decision}/",
    "cbm:catalogue": "/en/cbm/",
    "cbm:plan": "/en/cbm/plans/{year}/",
    "cbm:area": "/en/cbm/areas/tourism/",
    "cbm:state": "/en/cbm/states/KZ/",
    "cbm:activities": "/en/cbm/activities/",
    "cbm:activity": "/en/cbm/activities/{activity}/",
    "cbm:activity_file": "/en/cbm/activities/{activity}/files/{activity_file}/",
    "cbm:review": "/en/cbm/review/",
    "cbm:review_print": "/en/cbm/review/print/",
    "cbm:review_chart": "/en/cbm/review/chart.svg",
    "cbm:review_csv": "/en/cbm/review.csv",
}

# The pages that are not shared, and why.
NOT_SHARED = {
    "portal:record": "signed heads are not in the chain they sign, nor the key: no version",
    "set_language": "a POST",
    "portal:state_rename": "a POST",
    "meetings:meeting_act": "a POST",
    "documents:act": "a POST",
    "decisions:procedure_act": "a POST",
    "decisions:state_application": "a POST",
    "cbm:offer": "a POST",
    "cbm:attach": "a POST",
    "cbm:activity_act": "a POST",
    "meetings:meeting_new": "signed in",
    "meetings:meeting_edit": "signed in",
    "documents:document_new": "signed in",
    "documents:document_edit": "signed in",
    "decisions:workspace": "signed in",
    "decisions:procedure": "signed in",
    "decisions:draft_new": "signed in",
    "decisions:draft": "signed in",
    "cbm:activity_new": "signed in",
    "accounts:tokens": "signed in",
    "accounts:token_revoke": "signed in",
    "api:openapi-json": "the document of this release, built per request",
    "api:openapi-view": "the document's viewer",
    "login/": "a redirect to the sign-in page",
}

API_READS = [
    "/api/v1/states?status=member",
    "/api/v1/states/KZ",
    "/api/v1/organizations",
    "/api/v1/figures",
    "/api/v1/meetings?page_size=10",
    "/api/v1/meetings/{meeting}",
    "/api/v1/meetings.ics",
    "/api/v1/documents",
    "/api/v1/documents/almaty-act",
    "/api/v1/decisions",
    "/api/v1/decisions/{decision}",
    "/api/v1/cbm/dimensions",
    "/api/v1/cbm/review",
    "/api/v1/cbm/activities/{activity}",
]
# The API's public reads that are not shared, by path.
API_NOT_SHARED = {"/audit/heads": "signed heads are not in the chain they sign"}


def _pages(patterns=None, namespace: str = "", in_language: bool = False):
    """(name, view) of every route of the site outside /api/ but the sign-in pages."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_name, "__name__", str(entry.urlconf_name))
            if module.startswith("allauth"):
                continue  # sign-in, two-factor, password reset: forms with a CSRF token
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            local = in_language or isinstance(entry.pattern, LocalePrefixPattern)
            if entry.namespace == "api":
                for name in ("openapi-json", "openapi-view"):
                    yield f"api:{name}", None
                continue
            yield from _pages(entry.url_patterns, inner, local)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else str(entry.pattern)), entry.callback


def _api_reads():
    """(path, view) of every GET operation of the API that anyone may call."""
    for router in api._get_bound_routers():
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if "GET" in operation.methods and not operation.auth_callbacks:
                    yield path, operation.view_func


@pytest.fixture
def sample(db, secretariat_officer, media):
    """The ids the sample addresses name: a meeting, a decision, a CBM activity with a file, a
    plan, a document's file."""
    year = clock.today().year
    cbm.record_plan(acting_user=secretariat_officer, year=year)
    activity = cbm.record_activity(
        acting_user=secretariat_officer,
        area=PriorityArea.objects.get(key="tourism"),
        kind="report",
        title="Report on tourism",
        start_date=clock.today() - dt.timedelta(days=1),
        host_state=State.objects.get(code="KZ"),
    )
    activity_file = cbm.attach_activity_file(
        acting_user=secretariat_officer, activity=activity, name="report.txt", content=b"report"
    )
    document_file = documents.attach_file(
        acting_user=secretariat_officer,
        document=Document.objects.get(key="almaty-act"),
        language="en",
        name="act.txt",
        content=b"The Almaty Act",
    )
    return {
        "meeting": Meeting.objects.order_by("pk").first().pk,
        "decision": Decision.objects.order_by("pk").first().pk,
        "activity": activity.pk,
        "activity_file": activity_file.pk,
        "document_file": document_file.pk,
        "year": year,
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_every_public_page_is_shared_or_says_why_not():
    routes = dict(_pages())

    uncovered = {
        name
        for name, view in routes.items()
        if name not in NOT_SHARED and not hasattr(view, "conditional_reads")
    }
    untested = {name for name, view in routes.items() if hasattr(view, "conditional_reads")}

    assert uncovered == set()
    assert untested == set(PAGES)


def test_every_public_api_read_is_shared_or_says_why_not():
    uncovered = [
        path
        for path, view in _api_reads()
        if path not in API_NOT_SHARED and not hasattr(view, "conditional_reads")
    ]

    assert len(list(_api_reads())) > 30
    assert uncovered == []


def _address(template: str, sample: dict) -> str:
    return template.format(**sample)


ADDRESSES = [*PAGES.values(), *API_READS]


@pytest.mark.parametrize("template", ADDRESSES)
def test_an_anonymous_reader_gets_a_shareable_response_with_validators(sample, template):
    response = Client().get(_address(template, sample))

    assert response.status_code == 200
    assert response["ETag"]
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, max-age=60"
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}
    # Nothing of the viewer's: no cookie, no CSRF token, no CSP nonce.
    assert not response.cookies
    assert b"csrfmiddlewaretoken" not in response.getvalue()
    assert "nonce-" not in response.get("Content-Security-Policy", "")


@pytest.mark.parametrize("template", ADDRESSES)
def test_a_conditional_request_costs_one_query_and_gets_304(
    sample, template, django_assert_num_queries
):
    # given
    address = _address(template, sample)
    client = Client()
    etag = client.get(address)["ETag"]

    # when
    with django_assert_num_queries(1):
        response = client.get(address, headers={"If-None-Match": etag})

    # then
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, max-age=60"
    # The browser merges a 304's headers into the page it keeps: no policy of another nonce.
    assert "Content-Security-Policy" not in response


@pytest.mark.parametrize("template", ADDRESSES)
def test_head_answers_the_headers_of_get_without_a_body(sample, template):
    address = _address(template, sample)
    get = Client().get(address)

    head = Client().head(address)

    assert head.status_code == 200
    assert head.getvalue() == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Type"] == get["Content-Type"]


@pytest.mark.parametrize("template", ["/en/meetings/", "/api/v1/meetings.ics", "/api/v1/states"])
def test_a_body_is_compressed_for_a_client_that_takes_gzip(sample, template):
    address = _address(template, sample)
    plain = Client().get(address)

    response = Client().get(address, headers={"Accept-Encoding": "gzip"})

    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain.content
    assert "Accept-Encoding" in response["Vary"]
    # The same ETag, weakened (RFC 9110 8.8.1): the conditional request matches it still.
    assert response["ETag"] == f"W/{plain['ETag']}"
    assert Client().get(address, headers={"If-None-Match": response["ETag"]}).status_code == 304


@pytest.mark.parametrize("template", ["/en/", "/en/states/KZ/", "/en/meetings/", "/api/v1/states"])
def test_a_signed_in_reader_gets_a_private_response_without_validators(
    sample, secretariat_officer, template
):
    client = Client()
    client.force_login(secretariat_officer)

    response = client.get(_address(template, sample), headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert "ETag" not in response
    # A page with a CSRF token is not compressed (BREACH).
    assert "Content-Encoding" not in response


def test_a_reader_with_a_token_gets_a_private_response(db, secretariat_officer):
    response = bearer_client(secretariat_officer).get("/api/v1/states")

    assert response["Cache-Control"] == "private, no-cache"
    assert "ETag" not in response


def test_a_signed_in_reader_is_not_answered_304_with_an_anonymous_etag(db, secretariat_officer):
    etag = Client().get("/en/")["ETag"]
    client = Client()
    client.force_login(secretariat_officer)

    response = client.get("/en/", headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert b"Workspace" in response.content


def _state_renamed(officer):
    state = State.objects.get(code="KZ")
    registry.rename_state(
        acting_user=officer, state=state, name_en="Renamed State", name_ru=state.name_ru or ""
    )


def _statement_drafted(officer):
    decisions.create_draft(acting_user=officer, kind="statement", title="x", text_en="x")


def _document_moved(officer):
    documents.update_document(
        acting_user=officer, document=Document.objects.get(key="almaty-act"), place="Elsewhere"
    )


@pytest.mark.parametrize(
    ("address", "change"),
    [
        ("/en/meetings/", _state_renamed),
        ("/en/states/KZ/", _statement_drafted),
        ("/en/documents/almaty-act/", _document_moved),
        ("/api/v1/states", _state_renamed),
        ("/api/v1/documents", _document_moved),
    ],
)
def test_a_change_to_what_a_page_reads_gives_it_a_new_etag(
    db, secretariat_officer, address, change
):
    # given
    client = Client()
    etag = client.get(address)["ETag"]

    # when
    change(secretariat_officer)
    response = client.get(address, headers={"If-None-Match": etag})

    # then
    assert response.status_code == 200
    assert response["ETag"] != etag


@pytest.mark.parametrize(
    ("address", "change"),
    [
        ("/en/meetings/", _document_moved),
        ("/en/states/", _document_moved),
        ("/en/cbm/", _statement_drafted),
        ("/api/v1/states", _statement_drafted),
        ("/api/v1/meetings.ics", _document_moved),
    ],
)
def test_a_change_to_what_a_page_does_not_read_leaves_it_not_modified(
    db, secretariat_officer, address, change
):
    client = Client()
    etag = client.get(address)["ETag"]

    change(secretariat_officer)
    response = client.get(address, headers={"If-None-Match": etag})

    assert response.status_code == 304


def test_another_address_or_language_has_another_etag(db):
    client = Client()

    etags = {
        client.get(address)["ETag"]
        for address in ("/en/states/", "/ru/states/", "/en/states/?status=observer")
    }

    assert len(etags) == 3


def test_the_api_etag_follows_the_language_asked_for(db):
    english = Client().get("/api/v1/states", headers={"Accept-Language": "en"})["ETag"]

    response = Client().get(
        "/api/v1/states", headers={"Accept-Language": "ru", "If-None-Match": english}
    )

    assert response.status_code == 200
    assert response["ETag"] != english


def test_if_modified_since_the_last_change_gets_304(db, django_assert_num_queries):
    client = Client()
    last_modified = client.get("/en/meetings/")["Last-Modified"]

    with django_assert_num_queries(1):
        response = client.get("/en/meetings/", headers={"If-Modified-Since": last_modified})

    assert response.status_code == 304


def test_a_new_day_gives_a_new_etag_and_a_later_last_modified(db, time_machine):
    time_machine.move_to(dt.datetime(2030, 6, 1, 12, tzinfo=dt.UTC))
    client = Client()
    before = client.get("/en/states/")

    time_machine.move_to(dt.datetime(2030, 6, 2, 12, tzinfo=dt.UTC))
    response = client.get(
        "/en/states/",
        headers={
            "If-None-Match": before["ETag"],
        },
    )
    after_midnight = client.get(
        "/en/states/", headers={"If-Modified-Since": before["Last-Modified"]}
    )

    assert response.status_code == 200
    assert response["ETag"] != before["ETag"]
    assert after_midnight.status_code == 200


def test_a_message_waiting_for_the_reader_is_not_answered_from_a_cache(db):
    client = Client()
    etag = client.get("/en/")["ETag"]
    client.cookies["messages"] = "a message to show once"

    response = client.get("/en/", headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert "ETag" not in response


def _through_the_middleware(view):
    """`view` behind HttpCaching and the CSP middleware, for an anonymous request."""
    request = RequestFactory().get("/en/anything/", headers={"Accept-Encoding": "gzip"})
    request.user = AnonymousUser()
    return HttpCaching(CSPMiddleware(view))(request)


def test_a_page_that_used_a_csp_nonce_is_not_shared(db):
    @conditional(reads=())
    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    response = _through_the_middleware(view)

    assert "nonce-" in response["Content-Security-Policy"]
    assert "ETag" not in response
    assert response["Cache-Control"] == "private, no-cache"


def test_a_page_that_rendered_a_csrf_token_is_not_shared_nor_compressed(db):
    from django.middleware.csrf import get_token

    @conditional(reads=())
    def view(request):
        return HttpResponse(get_token(request) * 20)

    response = _through_the_middleware(view)

    assert "ETag" not in response
    assert response["Cache-Control"] == "private, no-cache"
    assert "Content-Encoding" not in response


def test_an_api_read_answers_head_and_the_document_shows_no_head(db):
    assert Client().head("/api/v1/figures").status_code == 200
    assert all(
        "head" not in operations for operations in api.get_openapi_schema()["paths"].values()
    )


def test_an_anonymous_visitor_switches_the_language_without_a_token(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/en/states/"})

    assert response.status_code == 302
    assert response["Location"] == "/ru/states/"


def test_a_signed_in_user_switches_the_language_only_with_the_token(db, delegate):
    client = Client(enforce_csrf_checks=True)
    client.force_login(delegate)

    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/ru/"})

    assert response.status_code == 403
    delegate.refresh_from_db()
    assert delegate.language != "ru"


# Attached files stream from the disk: they are not kept in the cache.
KEPT_WHOLE = sorted(address for name, address in PAGES.items() if not name.endswith("file"))


@pytest.mark.parametrize("template", KEPT_WHOLE)
def test_a_shared_page_is_built_once_and_then_served_whole_for_one_query(
    sample, template, django_assert_num_queries
):
    client, address = Client(), _address(template, sample)
    built = client.get(address)
    assert built.status_code == 200

    with django_assert_num_queries(1):  # the check of what it reads; nothing is built again
        again = client.get(address)

    assert again.status_code == 200
    assert again.content == built.content
    assert again["Content-Type"] == built["Content-Type"]
    assert again["ETag"] == built["ETag"]
    assert "public" in again["Cache-Control"]


def test_a_page_kept_whole_is_built_again_after_a_change_to_what_it_reads(db, secretariat_officer):
    client = Client()
    assert b"Kazakhstan" in client.get("/en/states/KZ/").content

    state = State.objects.get(code="KZ")
    registry.rename_state(
        acting_user=secretariat_officer, state=state, name_en="Qazaqstan", name_ru=state.name_ru
    )

    page = client.get("/en/states/KZ/").content
    assert b"Qazaqstan" in page


def test_a_signed_in_reader_never_gets_a_page_kept_for_anonymous_readers(db, delegate):
    anonymous = Client().get("/en/meetings/")  # kept whole for anonymous readers
    client = Client()
    client.force_login(delegate)

    page = client.get("/en/meetings/")

    assert "private" in page["Cache-Control"]
    assert page.content != anonymous.content
    assert delegate.username.encode() in page.content


def test_a_page_that_rendered_a_csrf_token_is_not_kept_whole(db):
    from django.middleware.csrf import get_token

    built = []

    @conditional(reads=())
    def view(request):
        built.append(request)
        return HttpResponse(get_token(request))

    _through_the_middleware(view)
    response = _through_the_middleware(view)

    assert len(built) == 2
    assert response["Cache-Control"] == "private, no-cache"
