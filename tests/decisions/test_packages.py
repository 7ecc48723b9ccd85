"""The modules split into packages (decisions.actions, .admission, .competence, .schemas, .views)
show their whole public interface through the package: `actions.create_draft` and
`from cica.decisions.actions import create_draft` name every action, whichever module holds it."""

import importlib
import inspect
import pkgutil

import pytest

PACKAGES = [
    "cica.decisions.actions",
    "cica.decisions.admission",
    "cica.decisions.competence",
    "cica.decisions.schemas",
    "cica.decisions.views",
]


def public_definitions(package_name: str) -> dict[str, object]:
    """Every public function and class its submodules define (not the ones they import)."""
    package = importlib.import_module(package_name)
    found = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
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


@pytest.mark.parametrize("package_name", PACKAGES)
def test_the_package_exports_every_public_definition_of_its_modules(package_name):
    package = importlib.import_module(package_name)
    defined = public_definitions(package_name)

    assert defined
    assert sorted(set(defined) - set(package.__all__)) == []
    assert {name: getattr(package, name) for name in defined} == defined


@pytest.mark.parametrize("package_name", PACKAGES)
def test_every_exported_name_exists(package_name):
    package = importlib.import_module(package_name)

    assert len(package.__all__) == len(set(package.__all__))
    assert [name for name in package.__all__ if not hasattr(package, name)] == []
