"""The client's address, for every per-IP limit: the one function they all call.

Behind a reverse proxy REMOTE_ADDR is the proxy, the same for everyone: one person's failed
sign-ins would lock out the whole country. The proxy passes the client's address in
`X-Forwarded-For`, but any client can send that header too, so it is believed only for a request
that arrives from a proxy we run (`TYNDAU_TRUSTED_PROXIES`, a list of CIDR networks). Each trusted
proxy appends the address it received the request from, so the header is read from the right,
skipping our own proxies: the first address that is not one of them is the client (anything to
its left was written by the client and is ignored). ADR 0020 records why this is not a library.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=4)
def _trusted(values: tuple[str, ...]) -> tuple[Network, ...]:
    # Validated at start-up by config/settings.py; a bare address is a /32 or /128.
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values)


def _address(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as text, or None when the request has none."""
    if request is None:
        return None
    remote_text = request.META.get("REMOTE_ADDR") or ""
    remote = _address(remote_text)
    if remote is None:
        return remote_text or None
    networks = _trusted(tuple(settings.TYNDAU_TRUSTED_PROXIES))
    if not _is_trusted(remote, networks):
        return str(remote)  # a direct client: its own X-Forwarded-For means nothing
    nearest = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address is None:
            break  # a trusted proxy passed on something unreadable: keep the last address we know
        if not _is_trusted(address, networks):
            return str(address)
        nearest = address
    return str(nearest)  # every hop is one of ours (an internal probe): the outermost we saw
