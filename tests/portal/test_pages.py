import pytest
from django.utils import translation

from cica.core.models import AuditEntry
from cica.registry.models import State
from tests import factories

PAGES = [
    "",
    "states/",
    "states/KZ/",
    "organizations/",
    "bodies/",
    "chairmanships/",
    "secretariat/",
    "sources/",
    "figures/",
    "accounts/login/",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_page_is_served_in_both_languages(db, client, page, language):
    response = client.get(f"/{language}/{page}")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    with translation.override(language):
        assert translation.gettext("Skip to content") in html


def test_the_russian_portal_is_really_translated(db, client):
    with translation.override("ru"):
        expected = [translation.gettext(text) for text in ("Member states", "Observer states")]

    html = client.get("/ru/").content.decode()

    assert expected == ["Государства-члены", "Государства-наблюдатели"]
    assert all(text in html for text in expected)


def test_the_root_redirects_to_a_language(db, client):
    response = client.get("/", headers={"Accept-Language": "ru"})

    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_the_language_switcher_keeps_the_page(db, client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/en/states/KZ/"})

    assert response.status_code == 302
    assert response["Location"] == "/ru/states/KZ/"


def test_the_home_page_shows_key_figures_on_a_date(db, client):
    html = client.get("/en/", {"as_of": "2021-01-01"}).content.decode()

    assert "Key figures on Jan. 1, 2021" in html
    assert ">27</a>" in html  # member states before Kuwait
    assert "Kazakhstan" in html  # the Chair


def test_a_bad_date_falls_back_to_today_with_an_error(db, client):
    response = client.get("/en/states/", {"as_of": "2021-02-30"})

    assert response.status_code == 200
    assert "Not a date of the form YYYY-MM-DD." in response.content.decode()


def test_a_state_page_cites_its_sources(db, client):
    html = client.get("/en/states/KW/").content.decode()

    assert 'href="/en/sources/#src-inform-3990035"' in html
    assert 'id="src-inform-3990035"' in client.get("/en/sources/").content.decode()


def test_an_unknown_state_is_a_404_page(db, client):
    response = client.get("/ru/states/XX/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("page", "add"),
    [
        ("", lambda: factories.StateFactory(status="observer")),
        ("states/", lambda: factories.StateFactory(status="member")),
        ("organizations/", lambda: factories.OrganizationFactory(status="observer")),
        ("bodies/", factories.BodyFactory),
        ("chairmanships/", factories.ChairmanshipFactory),
        ("sources/", factories.SourceFactory),
        ("figures/", lambda: factories.StateFactory(status="member")),
    ],
)
def test_list_pages_run_a_constant_number_of_queries(db, assert_constant_queries, page, add):
    assert_constant_queries(f"/en/{page}", add)


def test_security_headers_on_every_page(db, client):
    response = client.get("/en/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_secretariat_edits_protocol_names(db, client, secretariat_officer):
    client.force_login(secretariat_officer)

    response = client.post(
        "/en/states/US/names/",
        {"name_en": "United States of America", "name_ru": "Соединённые Штаты Америки"},
    )

    assert response.status_code == 302
    assert State.objects.get(code="US").name_en == "United States of America"
    assert AuditEntry.objects.last().action == "registry.rename_state"
    assert "Edit the protocol names" in client.get("/en/states/US/").content.decode()


def test_a_delegate_may_not_edit_names(db, client, delegate):
    client.force_login(delegate)

    response = client.post("/en/states/US/names/", {"name_en": "X", "name_ru": "Х"})

    assert response.status_code == 403
    assert State.objects.get(code="US").name_en == "United States"
    assert "Edit the protocol names" not in client.get("/en/states/US/").content.decode()


def test_an_empty_name_is_refused_in_the_form(db, client, secretariat_officer):
    client.force_login(secretariat_officer)

    response = client.post("/en/states/US/names/", {"name_en": "", "name_ru": "США"})

    assert response.status_code == 422
    assert State.objects.get(code="US").name_en == "United States"


def test_signing_in_comes_before_editing(db, client):
    response = client.post("/en/states/US/names/", {"name_en": "X", "name_ru": "Х"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert State.objects.get(code="US").name_en == "United States"
