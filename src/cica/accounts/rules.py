"""Pure rules of accounts: when a token lasts until, when its use is written down, what counts as
a recent second factor."""

import datetime as dt
from collections.abc import Iterable

# A token's last use is written at most once in this time: a read does not each write.
TOKEN_USE_RESOLUTION = dt.timedelta(minutes=1)


def token_expiry(created_at: dt.datetime, days: int) -> dt.datetime:
    return created_at + dt.timedelta(days=days)


def token_refusal(
    *, revoked_at: dt.datetime | None, expires_at: dt.datetime, now: dt.datetime
) -> str | None:
    """Why a known token no longer opens the API: "revoked", "expired", or None."""
    if revoked_at is not None:
        return "revoked"
    if expires_at <= now:
        return "expired"
    return None


def use_to_record(last_used_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a use of a token at `now` is written down (at most once a minute)."""
    return last_used_at is None or now - last_used_at >= TOKEN_USE_RESOLUTION


def last_second_factor(records: Iterable[dict]) -> dt.datetime | None:
    """When the session last gave a code of its authenticator (a TOTP or recovery code), at
    sign-in or on re-authenticating, from allauth's records of the session's authentications."""
    times = [record["at"] for record in records if record.get("method") == "mfa"]
    return dt.datetime.fromtimestamp(max(times), tz=dt.UTC) if times else None


def is_recent(at: dt.datetime | None, now: dt.datetime, seconds: int) -> bool:
    return at is not None and now - at <= dt.timedelta(seconds=seconds)
