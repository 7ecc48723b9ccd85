"""Tampering with the record as someone holding the database's own credentials would."""

from contextlib import contextmanager

from django.db import connection

from cica.core import append_only


@contextmanager
def tampering():
    """Drop the append-only triggers for the block, as an intruder must first, then restore
    them."""
    append_only.remove(connection)
    try:
        yield
    finally:
        append_only.install(connection)
