"""The autouse network block refuses the outside world and lets loopback through."""

import socket
import urllib.request

import pytest

from conftest import BLOCKED, is_local_host


def test_outside_connect_is_refused():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(OSError, match=BLOCKED):
            sock.connect(("203.0.113.7", 80))  # TEST-NET-3: never a real host


def test_outside_connect_ex_lookup_and_create_connection_are_refused():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(OSError, match=BLOCKED):
            sock.connect_ex(("198.51.100.1", 443))
    with pytest.raises(OSError, match=BLOCKED):
        socket.getaddrinfo("huggingface.co", 443)
    with pytest.raises(OSError, match=BLOCKED):
        socket.create_connection(("example.com", 80), timeout=1)


def test_http_client_libraries_are_refused():
    with pytest.raises(OSError, match=BLOCKED):
        urllib.request.urlopen("http://example.com/", timeout=1)


def test_loopback_connect_is_allowed():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        with socket.create_connection(("localhost", port), timeout=2) as client:
            accepted, _ = server.accept()
            client.sendall(b"ping")
            assert accepted.recv(4) == b"ping"
            accepted.close()


def test_unix_socket_is_allowed(tmp_path):
    path = str(tmp_path / "s.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)


@pytest.mark.parametrize("host,local", [
    ("127.0.0.1", True), ("127.5.6.7", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", True), (None, True), (b"127.0.0.1", True),
    ("10.0.0.1", False), ("8.8.8.8", False), ("huggingface.co", False), ("2001:db8::1", False),
])
def test_is_local_host(host, local):
    assert is_local_host(host) is local
