"""The receipt of an act a delegation can prove: the time recorded and its entry's hash."""

import datetime as dt

from ninja import Schema


class ReceiptOut(Schema):
    recorded_at: dt.datetime
    entry: int | None
    hash: str

    @staticmethod
    def resolve_recorded_at(obj) -> dt.datetime:
        return obj.at

    @staticmethod
    def resolve_entry(obj) -> int | None:
        return obj.receipt_seq

    @staticmethod
    def resolve_hash(obj) -> str:
        return obj.receipt_hash


class ReceiptedOut(Schema):
    """An act a delegation can prove, with its receipt."""

    receipt: ReceiptOut

    @staticmethod
    def resolve_receipt(obj):
        return obj


class StateActOut(ReceiptedOut):
    """An act of a state's delegation."""

    state: str

    @staticmethod
    def resolve_state(obj) -> str:
        return obj.state.code
