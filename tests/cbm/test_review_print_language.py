"""The printable review from /ru/ is in Russian (CICA's working languages, cica.yaml
`languages`: seed-004, crntt-rop): headings, labels and month names; its only Latin words are
the names of priority areas whose Russian form the data does not give yet."""

from django.db.models import Q
from django.utils.html import strip_tags

from cica.cbm.models import PriorityArea
from tests.russian import latin_words


def test_the_russian_review_print_is_in_russian(client, db):
    page = client.get("/ru/cbm/review/print/", {"start": "2020-01-01", "end": "2026-06-30"})
    text = strip_tags(page.content.decode())
    # Data not yet in Russian (the translations are loaded separately), and the address printed.
    untranslated = PriorityArea.objects.filter(Q(name_ru="") | Q(name_ru__isnull=True))
    for name in untranslated.values_list("name_en", flat=True):
        text = text.replace(name, " ")

    assert page.status_code == 200
    assert "Обзор реализации мер доверия" in text
    assert "1 января 2020 г." in text
    assert "30 июня 2026 г." in text
    assert latin_words(text) == []
