"""A module split into a package keeps its interface: the package re-exports what callers import
from it, and Django finds every model of the registry through `cica.registry.models`."""

import importlib

import pytest
from django.apps import apps

PACKAGES = [
    "cica.registry.models",
    "cica.registry.queries",
    "cica.registry.reference",
    "cica.registry.schemas",
    "cica.reference.schema",
    "cica.documents.search",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_every_name_a_package_lists_is_one_it_holds(name):
    package = importlib.import_module(name)

    missing = [export for export in package.__all__ if not hasattr(package, export)]

    assert missing == []


def test_every_model_of_the_registry_is_exported_by_its_models_package():
    models = importlib.import_module("cica.registry.models")

    not_exported = [
        model.__name__
        for model in apps.get_app_config("registry").get_models()
        if getattr(models, model.__name__, None) is not model
        or model.__name__ not in models.__all__
    ]

    assert not_exported == []
