"""The compiled translation catalogues (django.mo), built from django.po by Babel in Python.

GNU msgfmt, which Django's `compilemessages` calls, is often absent on a production machine:
the package build (setup.py) and `cica init` use this module instead. It imports nothing of
Django or of the rest of cica, so the build can load it before anything is installed.
"""

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compiled(po: Path) -> bytes:
    """The .mo file of a .po file, as msgfmt makes it: fuzzy entries left out."""
    with po.open("rb") as source:
        catalogue = read_po(source, abort_invalid=True)
    target = io.BytesIO()
    write_mo(target, catalogue, use_fuzzy=False)
    return target.getvalue()


def catalogues(locale_dir: Path) -> list[Path]:
    """The .po files of a locale folder (locale/<language>/LC_MESSAGES/*.po)."""
    return sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po"))


def compile_catalogues(locale_dir: Path, target_dir: Path | None = None) -> list[Path]:
    """Write each catalogue's .mo beside its .po (or at the same place under `target_dir`)
    where it is missing or differs from the .po's; answer the .mo files written."""
    written = []
    for po in catalogues(locale_dir):
        mo = (Path(target_dir) / po.relative_to(locale_dir) if target_dir else po).with_suffix(
            ".mo"
        )
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        content = compiled(po)
        if mo.exists() and mo.read_bytes() == content:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        mo.write_bytes(content)
        written.append(mo)
    return written
