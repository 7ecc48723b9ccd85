"""A production install serves Russian, English and Russian being CICA's working languages (RoP
Art. 1.9): the README's `pip install .` then `cica init`, into a fresh virtual environment, from
the repository's own files (no compiled `*.mo`: git does not keep them), with no GNU gettext."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
# One environment (pip install, then `cica init`) for the module: one worker.
pytestmark = pytest.mark.xdist_group("install")
# What a fresh clone does not hold, or what the install does not read.
LEFT_OUT = shutil.ignore_patterns(
    "*.mo", ".git", ".venv", "node_modules", "var", "build", "dist", "*.egg-info", "__pycache__",
    ".ruff_cache", "bench", "tests",
)  # fmt: skip

# Run inside the new environment: which cica answers, and what /ru/ says.
CHECK = """
import json, os, django, cica
os.environ["DJANGO_SETTINGS_MODULE"] = "cica.settings"
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client().get("/ru/")
print(json.dumps({
    "package": cica.__file__,
    "status": response.status_code,
    "language": response.headers.get("Content-Language"),
    "page": response.content.decode(),
}))
"""


def _run(*command, env: dict, timeout: int = 180) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def environment(tmp_path_factory) -> dict:
    """A new virtual environment where the repository is installed with `pip install`; the
    suite's own site-packages lend it the dependencies (found after its own packages)."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"
    shutil.copytree(REPOSITORY, source, ignore=LEFT_OUT)
    venv = root / "venv"
    _run(sys.executable, "-m", "venv", venv, env=dict(os.environ))
    python = venv / "bin" / "python"
    site_packages = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", env={}
        ).stdout.strip()
    )
    (site_packages / "_suite_dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    # Outside the suite: no PYTHONPATH to a source tree, no test settings, SQLite in a new folder.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "DJANGO_", "CICA_"))
    }
    env["CICA_DATA_DIR"] = str(root / "data")
    _run(python, "-m", "pip", "install", "--quiet", "--no-deps", source, env=env, timeout=300)
    return {"venv": venv, "site_packages": site_packages, "env": env}


def test_the_built_package_ships_the_compiled_russian_catalogue(environment):
    installed = environment["site_packages"] / "cica" / "locale" / "ru" / "LC_MESSAGES"

    assert (installed / "django.po").exists()
    assert (installed / "django.mo").stat().st_size > 10_000


def test_pip_install_then_cica_init_serves_russian(environment):
    venv, env = environment["venv"], environment["env"]

    init = _run(venv / "bin" / "cica", "init", env=env, timeout=300)
    answer = json.loads(_run(venv / "bin" / "python", "-c", CHECK, env=env).stdout)

    assert "The database is ready." in init.stdout
    assert answer["package"].startswith(str(venv))  # the installed package, not the source tree
    assert answer["status"] == 200
    assert answer["language"] == "ru"
    # The navigation as the Russian catalogue gives it ("Documents", "Meetings", "Sign in").
    for word in ("Документы", "Заседания", "Войти"):
        assert word in answer["page"]
