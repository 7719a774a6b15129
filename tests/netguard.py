"""Which hosts count as this machine, for the tests' network guards (shared by conftest.py and
the offline child process in reliability/)."""

from __future__ import annotations

import ipaddress

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def is_local_host(host) -> bool:
    """Whether a host name or address stays on this machine.

    Args:
        host: a name, an IP address (str or bytes), or None (getaddrinfo's passive host).

    Returns:
        True for loopback addresses, the unspecified address and localhost names.
    """
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).strip("[]").lower()
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.split("%")[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified
