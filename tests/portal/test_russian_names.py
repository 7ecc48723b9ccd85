"""Russian names: the form a source gives, else the standard form, else a translation marked so
(GLOSSARY-RU.md; reference/data/cica.ru.yaml)."""

from django.utils.html import strip_tags

MARK = "(перевод)"


def _row(html: str, name: str) -> str:
    return next(strip_tags(row) for row in html.split("<tr>") if name in row)


def test_secretariat_heads_are_named_in_cyrillic_and_a_translation_says_so(db, client):
    """GLOSSARY-RU gives Кайрат Сарыбай; no source gives a Russian form of Habibullo Mirzoyev."""
    html = client.get("/ru/secretariat/").content.decode()

    assert "Кайрат Сарыбай" in html and "Kairat" not in html
    assert MARK not in _row(html, "Кайрат Сарыбай")
    assert MARK in _row(html, "Хабибулло Мирзоев")


def test_the_api_says_where_a_russian_name_comes_from(db, client):
    body = client.get("/api/v1/secretariat", {"as_of": "2019-01-01"}).json()
    head = next(post for post in body["posts"] if post["post"] == "head")["holder"]
    bodies = client.get("/api/v1/bodies", {"as_of": "2023-01-01"}).json()["items"]
    summit = next(item for item in bodies if item["id"] == "summit")
    renamed = next(name for name in summit["names"] if name["valid_from"] == "2022-10-13")

    assert (head["person"], head["person_ru_basis"]) == (
        "Habibullo Mirzoyev (later Mirzozoda)",
        "translation",
    )
    assert head["person_ru"].startswith("Хабибулло Мирзоев")
    # cica.yaml gives no Russian name for the renamed Summit; GLOSSARY-RU does.
    assert (renamed["name_ru"], renamed["name_ru_basis"]) == (
        "Совет глав государств и правительств (Саммит)",
        "standard",
    )


def test_a_body_no_source_names_in_russian_has_a_marked_translation(db, client):
    """bodies[business_council] has no name_ru in cica.yaml, nor in GLOSSARY-RU."""
    html = client.get("/ru/bodies/").content.decode()
    section = html.split('id="body-business_council"')[1].split("</section>")[0]

    assert "Деловой совет СВМДА" in section
    assert MARK in strip_tags(section)
