"""The public record: an entry of the hash-chained audit log, as a reader may see it."""

from typing import Literal

from ninja import Field, Schema


class AuditEntryOut(Schema):
    seq: int
    at: str = Field(
        description="the time, as hashed: ISO 8601 to the microsecond",
        json_schema_extra={"format": "date-time"},
    )
    actor: str = Field(
        description="the account's username (`system` for the server's own acts); empty if "
        "withheld from this reader, who may not know the account"
    )
    actor_role: str = Field(
        description="`secretariat`, `delegate`, `observer` or `system`; empty if the entry is "
        "withheld whole"
    )
    actor_party: str | None = Field(
        description="the code of the actor's state or organization, if it has one"
    )
    action: str
    object_type: str
    object_id: str = Field(description="empty if withheld from this reader")
    payload: dict = Field(description="empty if withheld from this reader")
    withheld: list[Literal["actor", "object_id", "payload"]] = Field(
        description="what this reader may not see of the entry; all three for an entry about "
        "what is another state's, now or when it was written"
    )
    redacted: bool = Field(
        description="something is withheld: the entry's hash cannot be recomputed from what is "
        "shown (the chain's links still can)"
    )
    prev_hash: str
    hash: str

    @staticmethod
    def resolve_at(obj) -> str:
        # JSON's encoder keeps milliseconds: the hash could not be recomputed.
        return obj.at.isoformat()

    @staticmethod
    def resolve_actor(obj) -> str:
        return obj.actor_shown
