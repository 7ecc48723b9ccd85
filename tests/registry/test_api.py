import pytest
from django.test import Client

from cica.core.models import AuditEntry
from cica.registry.models import State
from tests import factories
from tests.conftest import bearer_client


@pytest.fixture
def client():
    return Client()


def test_members_on_a_date(db, client):
    response = client.get("/api/v1/states", {"status": "member", "as_of": "2022-10-13"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 28
    assert {
        "code": "KW",
        "name_en": "Kuwait",
        "name_ru": "Кувейт",
        "status": "member",
        "approximate": False,
    } in body["items"]


def test_observers_on_a_date(db, client):
    body = client.get("/api/v1/states", {"status": "observer", "as_of": "2023-12-26"}).json()

    assert body["count"] == 10
    assert "SA" in {item["code"] for item in body["items"]}


def test_a_state_with_its_history_and_sources(db, client):
    body = client.get("/api/v1/states/qa").json()

    assert body["code"] == "QA"
    assert body["status"] == "member"
    assert [entry["status"] for entry in body["status_history"]] == ["observer", "member"]
    assert body["status_history"][1]["valid_from"] == "2014-05"
    assert "seed-004" in body["status_history"][1]["sources"]
    assert {"id", "title", "url", "date"} <= set(body["sources"][0])


def test_bodies_are_named_as_of_the_date(db, client):
    before = client.get("/api/v1/bodies", {"as_of": "2020-01-01"}).json()["items"]
    after = client.get("/api/v1/bodies", {"as_of": "2023-01-01"}).json()["items"]

    assert before[0]["id"] == "summit"
    assert before[0]["name_en"] == "Meeting of Heads of State and/or Government (Summit)"
    assert after[0]["name_en"] == "Council of Heads of State or Government (Summit)"
    assert {item["id"] for item in after} >= {"summit", "ministerial", "soc", "swg"}


def test_the_chairmanship_covering_a_date(db, client):
    body = client.get("/api/v1/chairmanships", {"as_of": "2019-06-15"}).json()

    assert [term["state"] for term in body["items"]] == ["TJ"]
    assert body["items"][0]["how"][0]["sources"]


def test_the_secretariat_on_a_date(db, client):
    body = client.get("/api/v1/secretariat", {"as_of": "2023-01-01"}).json()

    head = next(post for post in body["posts"] if post["post"] == "head")
    assert head["title"]["title_en"] == "Secretary General"
    assert head["holder"]["person"] == "Kairat Sarybay"
    assert body["seat"]["city_en"] == "Astana"


def test_figures(db, client):
    body = client.get("/api/v1/figures", {"as_of": "2025-01-01"}).json()

    # secretariat.heads: Kairat Sarybay, Secretary General from 2022-10-13, no end given: in
    # office on that day possibly, not certainly (an end no source gives is unknown).
    assert body == {
        "as_of": "2025-01-01",
        "members": 28,
        "observer_states": 10,
        "observer_organizations": 5,
        "ranges": {"members": "28", "observer_states": "10", "observer_organizations": "5"},
        "chair": "AZ",
        "chair_approximate": False,
        "head_of_secretariat": "Kairat Sarybay",
        "head_of_secretariat_approximate": True,
        "approximate": True,
    }


@pytest.mark.parametrize(
    ("as_of", "members", "chair", "head"),
    [
        # The Fourth Summit, Shanghai, 2014-05-20/21: Qatar joined "2014-05" (seed-004), day
        # unknown: 25 certain members, 26 possible.
        ("2014-05-21", "25-26", ("CN", False), ("Gong Jianwei", True)),
        # The First Summit, 2002-06-04: Kazakhstan Chair "from 2002" (chairmanships[KZ]).
        ("2002-06-04", "16", ("KZ", True), (None, False)),
        # The Secretariat opened 2006-06-17 (seed-004); Jandos Asanov ED "from 2006".
        ("2006-06-17", "18", ("KZ", False), ("Jandos Asanov", True)),
        # A source of 2016-10-28 names Gong Jianwei (timesca-2016), not Çınar Aldemir.
        ("2016-10-28", "26", ("CN", False), ("Gong Jianwei", False)),
    ],
)
def test_figures_on_a_day_inside_a_period_known_to_the_month_or_year(
    db, client, as_of, members, chair, head
):
    body = client.get("/api/v1/figures", {"as_of": as_of}).json()

    assert body["ranges"]["members"] == members
    assert (body["chair"], body["chair_approximate"]) == chair
    assert (body["head_of_secretariat"], body["head_of_secretariat_approximate"]) == head


def test_a_state_whose_status_is_known_to_the_month_is_approximate_inside_it(db, client):
    """seed-004: Qatar joined as a full member at the Fourth Summit (20-21 May 2014)."""
    listed = client.get("/api/v1/states", {"status": "member", "as_of": "2014-05-21"}).json()
    detail = client.get("/api/v1/states/QA", {"as_of": "2014-05-21"}).json()
    after = client.get("/api/v1/states/QA", {"as_of": "2014-06-01"}).json()

    assert {i["code"]: i["approximate"] for i in listed["items"] if i["approximate"]} == {
        "QA": True
    }
    assert (detail["status"], detail["approximate"]) == ("member", True)
    assert (after["status"], after["approximate"]) == ("member", False)


def test_an_end_no_source_gives_is_unknown_not_present(db, client):
    """secretariat.heads[Çınar Aldemir]: from "2010-06", `to: null`."""
    body = client.get("/api/v1/secretariat", {"as_of": "2011-01-01"}).json()
    head = next(post for post in body["posts"] if post["post"] == "head")["holder"]

    assert head["person"] == "Çınar Aldemir"
    assert (head["valid_from"], head["valid_to"], head["end_unknown"]) == ("2010-06", None, True)
    assert head["approximate"] is True


def test_a_relation_no_source_dates_is_not_valid_on_every_past_date(db, client):
    """organizations[ECO]: an MoU "date not given" (s-cica-extrel)."""
    listed = client.get("/api/v1/organizations", {"as_of": "1995-01-01"}).json()
    detail = client.get("/api/v1/organizations/ECO").json()

    assert "ECO" not in {item["code"] for item in listed["items"]}
    assert detail["status_history"][0]["valid_from"] is None
    assert detail["status_history"][0]["start_unknown"] is True


def test_organizations(db, client):
    body = client.get("/api/v1/organizations", {"status": "observer"}).json()

    assert {item["code"] for item in body["items"]} == {"UN", "OSCE", "LAS", "TURKPA", "IOM"}


@pytest.mark.parametrize(
    ("url", "params", "status", "field"),
    [
        ("/api/v1/states/XX", {}, 404, "code"),
        ("/api/v1/organizations/NOPE", {}, 404, "code"),
        ("/api/v1/states", {"as_of": "2020-02-30"}, 422, "as_of"),
        ("/api/v1/states", {"as_of": "yesterday"}, 422, "as_of"),
        ("/api/v1/states", {"status": "emperor"}, 422, "status"),
        ("/api/v1/states", {"page_size": "100000"}, 422, "page_size"),
        ("/api/v1/states", {"page": "0"}, 422, "page"),
        ("/api/v1/states", {"page": "two"}, 422, "page"),
        ("/api/v1/sources", {"page": str(2**64)}, 422, "page"),  # was an OverflowError, a 500
        ("/api/v1/bodies", {"as_of": "1999-9-9"}, 422, "as_of"),
        ("/api/v1/chairmanships", {"as_of": "2019-13-01"}, 422, "as_of"),
        ("/api/v1/secretariat", {"as_of": "x"}, 422, "as_of"),
    ],
)
def test_bad_input_is_a_problem_naming_the_field(db, client, url, params, status, field):
    response = client.get(url, params)

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert [error["field"] for error in problem["errors"]] == [field]


def test_an_unknown_route_is_a_json_404(db, client):
    response = client.get("/api/v1/nothing-here")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("url", "add"),
    [
        ("/api/v1/states", lambda: factories.StateFactory(status="member")),
        ("/api/v1/organizations", lambda: factories.OrganizationFactory(status="observer")),
        ("/api/v1/sources", factories.SourceFactory),
        ("/api/v1/bodies", factories.BodyFactory),
        ("/api/v1/chairmanships", factories.ChairmanshipFactory),
        ("/api/v1/conflicts", factories.ConflictFactory),
    ],
)
def test_lists_run_a_constant_number_of_queries(db, assert_constant_queries, url, add):
    assert_constant_queries(url, add, {"page_size": 200})


@pytest.mark.parametrize(
    "params", [{}, {"as_of": "2000-01-01"}, {"status": "former"}, {"status": "observer"}]
)
def test_the_states_list_answers_what_its_schema_says(db, client, params):
    """The list's fast path (plain values, orjson) gives what StateOut makes of the models."""
    import datetime as dt

    from cica.registry import queries
    from cica.registry.schemas import StateOut

    body = client.get("/api/v1/states", {"page_size": 200, **params}).json()

    as_of = dt.date.fromisoformat(body["as_of"])
    states = queries.list_states(as_of=as_of, status=params.get("status"))
    expected = [StateOut.from_orm(s).model_dump() for s in states.order_by("name_en", "code")]
    assert body["items"] == expected != []
    assert body["count"] == len(expected)


def test_pages_split_a_list(db, client):
    first = client.get("/api/v1/states", {"page_size": 10}).json()
    second = client.get("/api/v1/states", {"page_size": 10, "page": 2}).json()

    assert first["count"] == second["count"] == 42
    assert len(first["items"]) == len(second["items"]) == 10
    assert not {i["code"] for i in first["items"]} & {i["code"] for i in second["items"]}


def test_the_secretariat_renames_a_state_with_a_token(db, secretariat_officer):
    client = bearer_client(secretariat_officer)

    response = client.patch(
        "/api/v1/states/US",
        {"name_en": "United States of America", "name_ru": "Соединённые Штаты Америки"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["name_ru"] == "Соединённые Штаты Америки"
    entry = AuditEntry.objects.last()
    assert (entry.action, entry.actor) == ("registry.rename_state", secretariat_officer)
    assert entry.payload["before"]["name_ru"] == "США"


def test_a_delegate_may_not_rename_a_state(db, delegate):
    client = bearer_client(delegate)

    response = client.patch(
        "/api/v1/states/US", {"name_en": "X", "name_ru": "Х"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert State.objects.get(code="US").name_en == "United States"


def test_renaming_needs_authentication(db):
    response = Client().patch(
        "/api/v1/states/US", {"name_en": "X", "name_ru": "Х"}, content_type="application/json"
    )

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_an_empty_name_is_refused_naming_the_field(db, secretariat_officer):
    response = bearer_client(secretariat_officer).patch(
        "/api/v1/states/US", {"name_en": "  ", "name_ru": "США"}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name_en"


def test_a_revoked_or_unknown_token_does_not_authenticate(db):
    client = Client(headers={"Authorization": "Bearer cica_not-a-real-token"})

    assert client.get("/api/v1/me").status_code == 401


def test_a_null_russian_name_is_refused_naming_the_field(db, secretariat_officer):
    """It was an AttributeError, a 500."""
    response = bearer_client(secretariat_officer).patch(
        "/api/v1/states/US",
        {"name_en": "United States", "name_ru": None},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name_ru"
    assert State.objects.get(code="US").name_ru == "США"


def test_a_body_that_is_not_json_is_a_400_problem(db, secretariat_officer):
    response = bearer_client(secretariat_officer).patch(
        "/api/v1/states/US", "{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "urn:cica:error:malformed"
