"""The apps' layers hold: the import contract of pyproject.toml ([tool.importlinter]), which
`make lint` checks too, here with the suite."""

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_no_app_imports_one_above_it_or_a_sibling(monkeypatch):
    monkeypatch.chdir(ROOT)

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
