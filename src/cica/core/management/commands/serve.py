import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from cica.core.proxies import client_address


class AccessLog(Logger):
    """gunicorn's logger, whose access log names the client behind the trusted proxies
    (cica.core.proxies), not the proxy."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["h"] = (
            client_address(
                environ.get("REMOTE_ADDR", ""),
                environ.get("HTTP_X_FORWARDED_FOR", ""),
                settings.CICA_TRUSTED_PROXIES,
            )
            or "-"
        )
        return atoms


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from cica.wsgi import application

        return application


class Command(BaseCommand):
    help = "Serve the portal and the API with gunicorn (static files through whitenoise)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("CICA_WORKERS", min(4, (os.cpu_count() or 1) * 2))),
        )
        parser.add_argument("--timeout", type=int, default=30)
        parser.add_argument(
            "--with-worker",
            action="store_true",
            help="also run the background worker (notices, adoptions at deadlines, texts of files)",
        )

    def handle(self, *args, host, port, workers, timeout, with_worker, **options):
        if not (settings.STATIC_ROOT / "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Serving CICA Secretariat on http://{host}:{port}/", ending="\n")
        self.stdout.flush()
        worker = (
            subprocess.Popen([sys.executable, "-m", "cica.cli", "worker"]) if with_worker else None
        )
        try:
            _Gunicorn(
                {
                    "bind": f"{host}:{port}",
                    "workers": workers,
                    "timeout": timeout,
                    "accesslog": "-",
                    "logger_class": AccessLog,
                    "proc_name": "cica",
                }
            ).run()
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
