import pytest

from cica.documents.models import Document


def test_the_secretariat_agreement_is_not_yet_in_force(db, client):
    status = client.get("/api/v1/documents/secretariat-agreement/status").json()

    eif = status["entry_into_force"]
    # fsou-secr-2: notifications to the depositary count; KZ's ratification and CN's approval
    # (seed-004, prc-sc-2007) are not notifications.
    assert (eif["in_force"], eif["counted"], eif["signatories"]) == (False, 0, 18)
    assert (eif["needed"], eif["counted_acts"]) == (12, ["notification"])
    assert status["depositary"] == "Ministry of Foreign Affairs of Kazakhstan"
    china = next(row for row in status["states"] if row["state"] == "CN")
    assert {a["kind"] for a in china["actions"]} == {"signature", "approval"}
    assert (china["counted"], china["not_counted"]) == (False, "no_counted_act")


def test_later_signatures_of_the_founding_documents(db, client):
    status = client.get("/api/v1/documents/almaty-act/status").json()

    kuwait = next(row for row in status["states"] if row["state"] == "KW")
    assert [{k: v for k, v in action.items() if k != "id"} for action in kuwait["actions"]] == [
        {
            "kind": "signature",
            "date": "2022-10-11",
            "place": "",
            "basis": "reported",
            "note": "",
            "sources": ["inform-3990035"],
            "counted": False,
        }
    ]


def test_a_states_page_shows_whether_it_signed_the_founding_documents(db, client):
    page = client.get("/en/states/KW/").content.decode()

    assert "Founding documents" in page
    assert page.count("signed, Oct. 11, 2022") == 2


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [({"type": "poem"}, 422, "type"), ({"year": "x"}, 422, "year")],
)
def test_bad_document_queries_name_the_field(db, client, params, status, field):
    response = client.get("/api/v1/documents", params)

    assert response.status_code == status
    assert response.json()["errors"][0]["field"] == field


def test_documents_are_loaded_with_their_sources(db, client):
    body = client.get("/api/v1/documents", {"page_size": 200}).json()

    assert body["count"] == 50
    assert all(item["sources"] for item in body["items"])


def test_the_matrix_as_csv(db, client):
    lines = client.get("/api/v1/documents/matrix.csv").content.decode().splitlines()

    assert lines[0].startswith("state,decl-principles-1999,almaty-act,secretariat-agreement")
    kazakhstan = next(line for line in lines if line.startswith("KZ,")).split(",")
    # seed-004: KZ ratified the Agreement in 2007-02; the Agreement counts notifications only.
    assert kazakhstan[3] == "signed 2006-06-17; ratification 2007-02 (not counted)"


@pytest.mark.parametrize(
    "path", ["documents/", "documents/status/", "documents/secretariat-agreement/"]
)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_document_pages_in_both_languages(db, client, path, language):
    assert client.get(f"/{language}/{path}").status_code == 200


@pytest.mark.parametrize("url", ["/en/documents/", "/en/documents/status/", "/api/v1/documents"])
def test_document_lists_run_a_constant_number_of_queries(db, assert_constant_queries, url):
    from cica.documents.models import Document, TreatyAction
    from cica.registry.models import State

    kz = State.objects.get(code="KZ")

    def add():
        document = Document.objects.create(
            key=f"test-{Document.objects.count()}", type="treaty", title_en="Test treaty"
        )
        TreatyAction.objects.create(document=document, state=kz, kind="signature")

    assert_constant_queries(url, add)


def test_the_document_list_is_paginated(db, client):
    # given
    from cica.documents.views import LIST_PAGE_SIZE

    total = Document.objects.count()
    for n in range(LIST_PAGE_SIZE + 1 - total):
        Document.objects.create(key=f"extra-{n}", type="declaration", title_en=f"Extra {n}")

    # when
    first = client.get("/en/documents/").content.decode()
    second = client.get("/en/documents/?page=2").content.decode()

    # then
    assert first.count('scope="row"') == LIST_PAGE_SIZE
    assert second.count('scope="row"') == 1
    assert "Page 1 of 2" in first
