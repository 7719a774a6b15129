"""Shared test set-up: offline model hubs, no telemetry, and no network except loopback."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

# Set before any test module imports sentence-transformers, transformers or chromadb.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"

BLOCKED = "network blocked in tests"
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


def _allowed(family, address) -> bool:
    if family == getattr(socket, "AF_UNIX", None) or isinstance(address, (str, bytes)):
        return True  # AF_UNIX sockets are addressed by a path
    return is_local_host(address[0])


@pytest.fixture(autouse=True)
def block_network(monkeypatch):
    """Fail any connection or lookup that would leave this machine; loopback and AF_UNIX still work."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_create, real_getaddrinfo = socket.create_connection, socket.getaddrinfo

    def connect(self, address):
        if not _allowed(self.family, address):
            raise OSError(BLOCKED)
        return real_connect(self, address)

    def connect_ex(self, address):
        if not _allowed(self.family, address):
            raise OSError(BLOCKED)
        return real_connect_ex(self, address)

    def create_connection(address, *args, **kwargs):
        if not is_local_host(address[0]):
            raise OSError(BLOCKED)
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):
        if not is_local_host(host):
            raise OSError(BLOCKED)
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def tmp_data_dir(tmp_path: Path, monkeypatch) -> Path:
    """A fresh QZ_DATA_DIR for one test.

    Returns:
        The folder (empty).
    """
    monkeypatch.setenv("QZ_DATA_DIR", str(tmp_path))
    return tmp_path
