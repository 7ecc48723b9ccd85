"""The package's build, as pyproject.toml declares it, plus one step: the Russian catalogue is
compiled (locale/*/LC_MESSAGES/django.po to .mo, by Babel in Python) into what is built, so that
`pip install .` serves Russian with no GNU gettext on the machine."""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SOURCE = Path(__file__).parent / "src"
sys.path.insert(0, str(SOURCE / "cica" / "core"))
from catalogues import compile_catalogues  # noqa: E402  (cica itself is not importable yet)


class BuildWithCatalogues(build_py):
    def run(self):
        super().run()
        # An editable install serves the source tree: compile there (the .mo is gitignored).
        target = None if self.editable_mode else Path(self.build_lib) / "cica" / "locale"
        compile_catalogues(SOURCE / "cica" / "locale", target)


setup(cmdclass={"build_py": BuildWithCatalogues})
