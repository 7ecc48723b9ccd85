from cica.core.errors import InvalidInput


class InvalidAccount(InvalidInput):
    """An account that cannot be created as asked: a missing or wrong affiliation, a taken name."""
