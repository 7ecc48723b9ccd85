"""The Russian catalogue is compiled in Python (Babel) where GNU msgfmt may be absent: by the
package build and by `cica init`, when the .mo is missing or older than the .po."""

import gettext
import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from cica.core import catalogues

SOURCE = settings.LOCALE_PATHS[0]


@pytest.fixture
def locale(tmp_path):
    """A copy of the package's .po files, with no .mo."""
    shutil.copytree(SOURCE, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    return tmp_path / "locale"


def _russian(locale) -> gettext.GNUTranslations:
    with (locale / "ru" / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)


def test_the_catalogue_compiles_to_what_gettext_reads(locale):
    written = catalogues.compile_catalogues(locale)

    assert written == [locale / "ru" / "LC_MESSAGES" / "django.mo"]
    russian = _russian(locale)
    assert russian.gettext("Documents") == "Документы"
    plural = ("%(counter)s activity", "%(counter)s activities")
    assert russian.ngettext(*plural, 2) == "%(counter)s мероприятия"
    assert russian.ngettext(*plural, 5) == "%(counter)s мероприятий"


def test_a_catalogue_newer_than_its_source_is_left_alone(locale):
    catalogues.compile_catalogues(locale)

    assert catalogues.compile_catalogues(locale) == []


def test_a_changed_source_is_compiled_again(locale):
    # given: a compiled catalogue, then a translation changed in the .po
    catalogues.compile_catalogues(locale)
    po = locale / "ru" / "LC_MESSAGES" / "django.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Документы"', 'msgstr "Документы СВМДА"'),
        encoding="utf-8",
    )
    mo = po.with_suffix(".mo")
    os.utime(mo, (mo.stat().st_mtime - 10,) * 2)

    # when
    written = catalogues.compile_catalogues(locale)

    # then
    assert written == [mo]
    assert _russian(locale).gettext("Documents") == "Документы СВМДА"


def test_a_build_writes_the_catalogue_where_the_package_is_built(locale, tmp_path):
    built = tmp_path / "build" / "cica" / "locale"

    catalogues.compile_catalogues(locale, built)

    assert (built / "ru" / "LC_MESSAGES" / "django.mo").exists()
    assert not (locale / "ru" / "LC_MESSAGES" / "django.mo").exists()


def test_cica_init_compiles_a_missing_catalogue(db, locale, capsys):
    with override_settings(LOCALE_PATHS=[locale]):
        call_command("init", "--no-reference")

    assert "django.mo" in capsys.readouterr().out
    assert _russian(locale).gettext("Sign in") == "Войти"
