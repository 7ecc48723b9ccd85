"""The public portal: the home page, the About page and the record of the audit chain's heads.

The registry's pages are the registry's (registry/views.py), mounted here under the portal's
names (urls.py).
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy

from cica.core import anchors
from cica.core.conditional import conditional
from cica.meetings import queries as meetings
from cica.registry import queries
from cica.registry.views import as_of_from

PAGE_SIZE = 100


@conditional(reads=meetings.CACHE_READS)
def home(request: HttpRequest) -> HttpResponse:
    as_of, form = as_of_from(request)
    context = {
        "as_of": as_of,
        "as_of_form": form,
        "figures": queries.key_figures(as_of),
        "changes": queries.list_status_changes()[:8],
        "next_meetings": meetings.next_meetings(),
        # The key lines of the About page: the founding initiative and the shares as reported.
        "about": [item for item in _about_facts() if item["key"] in ("initiative", "share")],
    }
    return render(request, "portal/home.html", context)


def record(request: HttpRequest) -> HttpResponse:
    """The signed heads of the audit chain, with the key that checks them and how."""
    page = Paginator(anchors.list_heads(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/record.html", {**anchors.publication(), "page": page})


# The About page's facts in the order it states them (supplement.yaml keys), with their labels.
ABOUT_FACTS = {
    "initiative": gettext_lazy("Founding initiative"),
    "operational": gettext_lazy("Operational since"),
    "established": gettext_lazy("Established"),
    "un-observer": gettext_lazy("Observer at the UN General Assembly"),
    "languages": gettext_lazy("Official and working languages"),
    "principles": gettext_lazy("Basic principles"),
    "cica-day": gettext_lazy("CICA Day"),
}


def _about_facts() -> list[dict]:
    """The cited facts of the About page in the active language, each with its quotes (the
    source's words; on Russian pages their translation) and whether its Russian is translated."""
    russian = get_language() == "ru"
    facts = []
    for fact in queries.list_facts("about-").order_by("position"):
        notes = fact.notes or []
        facts.append(
            {
                "key": fact.topic.removeprefix("about-"),
                "fact": fact,
                "translated": russian
                and any(n["kind"] == "ru_basis" and n["text"] == "translation" for n in notes),
                "quotes": [
                    {"text": (russian and n.get("text_ru")) or n["text"], "sources": n["sources"]}
                    for n in notes
                    if n["kind"] == "quote"
                ],
            }
        )
    return facts


@conditional(reads=queries.CACHE_READS)
def about(request: HttpRequest) -> HttpResponse:
    """What CICA is, as the dataset states it: each fact cited, the shares of Asia's territory,
    the world's population and GDP as each source reports them, with the source's date."""
    facts = _about_facts()
    by_key = {item["key"]: item for item in facts}
    labelled = [
        {**by_key[key], "label": label} for key, label in ABOUT_FACTS.items() if key in by_key
    ]
    return render(
        request,
        "portal/about.html",
        {
            "facts": labelled,
            "shares": [item for item in facts if item["key"] == "share"],
        },
    )
