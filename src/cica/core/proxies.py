"""The client's address behind reverse proxies.

A request's peer (REMOTE_ADDR) is the client, unless it is one of the proxies the operator trusts
(CICA_TRUSTED_PROXIES). Then X-Forwarded-For is read from the right: each trusted proxy appends
the address it received the request from, so the right-most address that is not itself a trusted
proxy is the client. Everything to its left was written by the client and proves nothing.
Sign-in limits, lockout, refusal logs and the access log all count the address found here: read
from the proxy's own address, one client's failed sign-ins would lock out everyone behind it.
"""

import ipaddress
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:  # settings.py imports this module: nothing of Django's beyond the settings
    from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> list[Network]:
    """Addresses and networks as CICA_TRUSTED_PROXIES gives them: `127.0.0.1`, `10.0.0.0/8`,
    `::1`. A malformed entry raises ValueError naming it."""
    networks = []
    for value in values:
        text = value.strip()
        if not text:
            continue
        try:
            networks.append(ipaddress.ip_network(text, strict=False))
        except ValueError as error:
            raise ValueError(f"{text!r} is not an IP address or network") from error
    return networks


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address, networks: Iterable[Network]) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in networks)


def client_address(remote_addr: str, forwarded_for: str, trusted: Iterable[Network]) -> str:
    """The client's address, from the peer and its X-Forwarded-For header."""
    trusted = list(trusted)
    peer = _address(remote_addr or "")
    if peer is None or not _trusted(peer, trusted):
        return remote_addr or ""
    client = peer
    for entry in reversed((forwarded_for or "").split(",")):
        address = _address(entry)
        if address is None:
            # Not an address a trusted proxy writes: whatever is left of it is the client's
            # own claim, so the last hop known is the answer.
            break
        client = address
        if not _trusted(address, trusted):
            break
    return str(client)


def client_ip(request: "HttpRequest") -> str:
    """The address of the client that sent `request`."""
    return client_address(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.CICA_TRUSTED_PROXIES,
    )
