"""The Russian forms of the reference data's texts (cica.ru.yaml beside the reference file,
reference/data/ in the package).

cica.yaml is in English; Russian is a working language of CICA (seed-004), so every text of the
data a Russian page shows (a note, a source's title, a person's name, a body's name) has its
Russian form here, with its basis: "standard" (the form in common official use) or
"translation" (no source gives one). A form the data's own sources give wins over this file.
Here, in the registry, because the registry's API is the lowest layer that shows these forms.
"""

import functools
from pathlib import Path

import yaml
from django.conf import settings
from django.utils import translation

STANDARD, TRANSLATION, SOURCE = "standard", "translation", "source"


def _path() -> Path:
    return Path(settings.CICA_REFERENCE_PATH).with_name("cica.ru.yaml")


@functools.cache
def catalogue() -> dict[str, tuple[str, str]]:
    """English text -> (Russian text, basis). Empty if the data has no Russian file."""
    path = _path()
    if not path.exists():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {entry["en"]: (entry["ru"], entry["basis"]) for entry in entries}


def russian(text: str | None) -> str | None:
    """The Russian form of a text of the data, or None. A text the writers joined with "; " (a
    note and the basis of a date) is translated part by part."""
    if not text or not isinstance(text, str):
        return None
    found = catalogue().get(text)
    if found:
        return found[0]
    parts = text.split("; ")
    if len(parts) > 1:
        translated = [piece for part in parts if (piece := russian(part))]
        if len(translated) == len(parts):
            return "; ".join(translated)
    return None


def localize(text, language: str | None = None):
    """The text in `language` (the active one if None): its Russian form on a Russian page.

    A cited remark stored as {"text": ..., "text_ru": ...} gives its own Russian form; anything
    else (a number in a list of values) is given back as it is.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if isinstance(text, dict):
        if language.startswith("ru") and text.get("text_ru"):
            return text["text_ru"]
        text = text.get("text", "")
    if isinstance(text, str) and language.startswith("ru"):
        return russian(text) or text
    return "" if text is None else text


def basis_of(english: str | None, russian_form: str | None) -> str | None:
    """Where a stored Russian form comes from: this file's basis when it is this file's form,
    else a source of the data (or a Secretariat officer) gave it."""
    if not russian_form:
        return None
    found = catalogue().get(english or "")
    if found and found[0] == russian_form:
        return found[1]
    return SOURCE
