"""The `cica` console script, run as a newcomer runs it: a real process on a real database file."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CICA = [sys.executable, "-m", "cica.cli"]
# One `cica init` (collecting and compressing the static files) for the module: one worker.
pytestmark = pytest.mark.xdist_group("cli")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """A fresh SQLite install made by `cica init`."""
    path = tmp_path_factory.mktemp("cica-data")
    _cica(path, "init")
    return path


def _cica(data_dir: Path, *args: str, check=True) -> subprocess.CompletedProcess:
    env = {**os.environ, "CICA_DATA_DIR": str(data_dir)}
    env.pop("CICA_DATABASE_URL", None)  # the embedded SQLite file in the data folder
    return subprocess.run(
        [*CICA, *args], env=env, capture_output=True, text=True, check=check, timeout=300
    )


def test_init_is_idempotent(data_dir):
    again = _cica(data_dir, "init")

    assert "42 states" in again.stdout
    assert (data_dir / "cica.sqlite3").exists()
    assert "intact" in _cica(data_dir, "audit", "verify").stdout


def test_export_json(data_dir):
    document = json.loads(_cica(data_dir, "export", "--format", "json").stdout)

    assert {state["code"] for state in document["states"]} >= {"KZ", "KW", "US"}
    assert len(document["sources"]) == 228


def test_export_csv(data_dir):
    lines = _cica(data_dir, "export", "--format", "csv").stdout.splitlines()

    assert lines[0] == (
        "party_type,code,name_en,name_ru,status,from,to,basis,note,sources,start_unknown,end_unknown"
    )
    assert any(line.startswith("state,KW,Kuwait,Кувейт,member,2022-10-13,") for line in lines)


def test_a_broken_reference_file_is_refused(data_dir, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("sources: [\n", encoding="utf-8")

    result = _cica(data_dir, "load-reference", str(broken), check=False)

    assert result.returncode != 0
    assert f"{broken}:" in result.stderr
    assert "Nothing was loaded." in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_runs_gunicorn_with_static_files(data_dir):
    port = _free_port()
    env = {**os.environ, "CICA_DATA_DIR": str(data_dir)}
    env.pop("CICA_DATABASE_URL", None)
    server = subprocess.Popen(
        [*CICA, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                home = urllib.request.urlopen(f"{base}/en/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the server did not answer")
        page = home.read().decode()
        css_path = page.split('rel="stylesheet" href="')[1].split('"')[0]
        css = urllib.request.urlopen(base + css_path, timeout=5)

        assert "Key figures" in page
        assert css_path.startswith("/static/portal/site.") and css_path.endswith(".css")
        assert css.headers["Content-Type"].startswith("text/css")
        assert "max-age" in css.headers["Cache-Control"]
        assert home.headers["X-Frame-Options"] == "DENY"
        assert "default-src 'self'" in home.headers["Content-Security-Policy"]
    finally:
        server.terminate()
        server.wait(timeout=30)
