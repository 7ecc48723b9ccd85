"""The version of a declared cached read (core.cache), for a template's {% cache %} fragment."""

from django import template

from cica.core import cache

register = template.Library()


@register.filter
def record_version(name: str) -> str:
    """{% cache 3600 state_list "registry.states"|record_version status ... using="records" %}:
    the fragment goes stale with the read whose rows it shows."""
    return cache.version_of(name)
