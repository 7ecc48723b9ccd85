"""A module split into a package keeps its interface: the package re-exports every public
function and class its modules define, so `actions.create_draft` and `from cica.decisions.actions
import create_draft` name it whichever module holds it; and Django finds every model of the
registry through `cica.registry.models`."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django.apps import apps

import cica

SRC = Path(cica.__file__).parent


def split_packages() -> list[str]:
    """Every package of an app that speaks for its modules: its __init__ declares __all__."""
    return sorted(
        ".".join(("cica", *init.parent.relative_to(SRC).parts))
        for init in SRC.glob("*/*/__init__.py")
        if "__all__" in init.read_text(encoding="utf-8")
    )


def public_definitions(package_name: str) -> dict[str, object]:
    """Every public function and class its modules define (not the ones they import)."""
    package = importlib.import_module(package_name)
    found = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_") or info.ispkg:
            continue
        module = importlib.import_module(f"{package_name}.{info.name}")
        for name, value in vars(module).items():
            if (
                (inspect.isfunction(value) or inspect.isclass(value))
                and value.__module__ == module.__name__
                and not name.startswith("_")
            ):
                found[name] = value
    return found


def test_the_split_packages_are_found():
    assert {"cica.decisions.actions", "cica.registry.models", "cica.cbm.actions"} <= set(
        split_packages()
    )


@pytest.mark.parametrize("package_name", split_packages())
def test_the_package_exports_every_public_definition_of_its_modules(package_name):
    package = importlib.import_module(package_name)
    defined = public_definitions(package_name)

    assert defined
    assert sorted(set(defined) - set(package.__all__)) == []
    assert {name: getattr(package, name) for name in defined} == defined


@pytest.mark.parametrize("package_name", split_packages())
def test_every_exported_name_exists_once(package_name):
    package = importlib.import_module(package_name)

    assert len(package.__all__) == len(set(package.__all__))
    assert [name for name in package.__all__ if not hasattr(package, name)] == []


def test_every_model_of_the_registry_is_exported_by_its_models_package():
    models = importlib.import_module("cica.registry.models")

    not_exported = [
        model.__name__
        for model in apps.get_app_config("registry").get_models()
        if getattr(models, model.__name__, None) is not model
        or model.__name__ not in models.__all__
    ]

    assert not_exported == []
