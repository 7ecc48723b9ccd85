"""API tokens: random secrets handed out once, looked up by their SHA-256 digest."""

import hashlib
import secrets

TOKEN_PREFIX = "cica_"


def new_secret() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
