"""Template helpers: citations, dates as precise as their sources, status labels."""

import datetime as dt

from django import template
from django.urls import reverse
from django.utils import formats, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from cica.core.dates import Precision
from cica.documents.models import STATUS_LABELS
from cica.documents.queries import status_of
from cica.registry import russian
from cica.registry.models import MembershipStatus
from cica.registry.queries import FORMER

register = template.Library()


@register.simple_tag
def cite(sources):
    """Citation links to the sources page: from Source objects or from source ids."""
    if isinstance(sources, str):
        sources = [sources]
    keys = [getattr(source, "key", source) for source in sources or []]
    if not keys:
        return ""
    url = reverse("portal:sources")
    links = format_html_join(", ", '<a href="{}#src-{}">{}</a>', ((url, key, key) for key in keys))
    return format_html('<span class="cite">[{}]</span>', links)


@register.filter
def localized(text) -> str:
    """A text of the reference data (a note, a quote, a title) in the page's language: its
    Russian form (cica.ru.yaml) on a Russian page."""
    return russian.localize(text)


@register.filter
def name_of(obj, prefix: str) -> str:
    """A name annotated in both languages (`<prefix>_en`, `<prefix>_ru`), in the page's
    language: {{ decision|name_of:"body_name" }}."""
    english = getattr(obj, f"{prefix}_en", None) or ""
    if (translation.get_language() or "").startswith("ru"):
        return getattr(obj, f"{prefix}_ru", None) or english
    return english


@register.inclusion_tag("portal/_translated.html", takes_context=True)
def translated(context, english, russian_form):
    """On a Russian page, the mark of a Russian name that no source gives: a translation made
    for this registry (cica.ru.yaml, basis "translation")."""
    language = translation.get_language() or ""
    show = language.startswith("ru") and russian.basis_of(english, russian_form) == "translation"
    return {"show": show}


@register.filter
def attested_dates(values) -> str:
    """The dates a source attests a fact on, as the data writes them ("c.2014-2018"), with
    "circa" in the page's language."""
    return ", ".join(
        _("c. %(dates)s") % {"dates": value[2:]} if value.startswith("c.") else value
        for value in values
    )


@register.filter
def partial_date(value: dt.date | None, precision: str = Precision.DAY) -> str:
    """A date shown no more precisely than its source gives it."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


@register.simple_tag
def period(record) -> str:
    """ "from – to" for a record with a Period. An end no source gives reads "end unknown",
    never "present"; an open end (a status or a name that has not changed) reads "present"."""
    start = "" if record.from_unknown else partial_date(record.valid_from, record.from_precision)
    start = start or _("date unknown")
    if record.to_unknown:
        return _("%(start)s – end unknown") % {"start": start}
    end = partial_date(record.valid_to, record.to_precision)
    # "X – present", not "since X": Russian would need the genitive of a month name.
    return f"{start} – {end}" if end else _("%(start)s – present") % {"start": start}


@register.inclusion_tag("portal/_approximate.html")
def approximate(flag=True):
    """The mark of a fact that may or may not hold on the day shown: a boundary around that
    day is known only to its month or year."""
    return {"show": bool(flag)}


@register.filter
def is_range(pair) -> bool:
    low, high = pair
    return low != high


@register.filter
def count_range(pair) -> str:
    """A count as (lowest, highest): "25–26", or one number when exact."""
    low, high = pair
    return str(low) if low == high else f"{low}–{high}"


@register.filter
def status_label(value: str | None) -> str:
    """The label of a status, or of a group of statuses used as a filter."""
    groups = {
        FORMER: _("former"),
        "applicant": _("applicant"),
        "partner": _("partner"),
    }
    if value is None:
        return ""
    if value in groups:
        return groups[value]
    return MembershipStatus.Status(value).label


@register.filter
def document_status(value) -> str:
    """The label of a document's status (recorded or derived), from a status or a document
    annotated by documents.queries."""
    if not isinstance(value, str):
        value = status_of(value)
    return STATUS_LABELS.get(value, value)
