"""Run qzassist's ingest, ask and serve with every non-loopback connection refused at the socket level.

Started by ``test_no_network.py`` as a child process, before anything else is imported:

    python offline_child.py "<question>"

Prints one JSON line: the network attempts seen in each phase (they should be none), whether
the guard itself refuses an outside address, and each phase's exit code and output.
"""

from __future__ import annotations

import contextlib
import io
import json
import socket
import sys

sys.path.insert(0, str(__import__('pathlib').Path(__file__).resolve().parents[1]))
from netguard import is_local_host as is_local  # noqa: E402

ATTEMPTS: list[str] = []




def _guard(real, kind: str):
    def guarded(self, address, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
            ATTEMPTS.append(f"{kind} {address[0]}:{address[1]}")
            raise ConnectionRefusedError(f"non-loopback {kind} to {address[0]} refused by the offline test")
        return real(self, address, *args, **kwargs)

    return guarded


def install_guard() -> None:
    """Refuse and record every outside connect, send and name lookup in this process (all threads)."""
    socket.socket.connect = _guard(socket.socket.connect, "connect")
    socket.socket.connect_ex = _guard(socket.socket.connect_ex, "connect_ex")
    real_sendto, real_getaddrinfo = socket.socket.sendto, socket.getaddrinfo

    def sendto(self, data, *args):
        address = args[-1]
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
            ATTEMPTS.append(f"sendto {address[0]}:{address[1]}")
            raise ConnectionRefusedError("non-loopback sendto refused by the offline test")
        return real_sendto(self, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        if not is_local(host):
            ATTEMPTS.append(f"getaddrinfo {host}")
            raise socket.gaierror(f"lookup of {host} refused by the offline test")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.sendto = sendto
    socket.getaddrinfo = getaddrinfo


def guard_refuses_outside() -> bool:
    """Check the guard itself: a connect to a documentation address and a lookup must be refused and counted."""
    refused = 0
    with socket.socket() as sock:
        try:
            sock.connect(("192.0.2.1", 80))
        except ConnectionRefusedError:
            refused += 1
    try:
        socket.getaddrinfo("example.com", 443)
    except socket.gaierror:
        refused += 1
    counted = ATTEMPTS == ["connect 192.0.2.1:80", "getaddrinfo example.com"]
    ATTEMPTS.clear()
    return refused == 2 and counted


def run_phase(name: str, action) -> dict:
    """Run one phase, capturing its output and the attempts it made."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = action()
        except Exception as exc:  # reported to the test, which fails on it
            code = f"{type(exc).__name__}: {exc}"
    result = {"phase": name, "code": code, "stdout": out.getvalue()[-4000:], "stderr": err.getvalue()[-2000:],
              "attempts": list(ATTEMPTS)}
    ATTEMPTS.clear()
    return result


def serve_once() -> int:
    """Start the real UI app on a loopback port, fetch its config, stop it."""
    import urllib.request

    from qzassist.config import Settings
    from qzassist.ui import create_app, start

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = Settings.load(host="127.0.0.1", port=port)
    demo = create_app(settings)
    start(demo, settings, block=False)
    try:
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/config", timeout=30).read().decode("utf-8")
        return 0 if "qz-chat" in page else 1
    finally:
        demo.close()


def main() -> None:
    install_guard()
    phases = {"guard_works": guard_refuses_outside(), "phases": []}
    from qzassist.cli import main as qzassist

    phases["phases"].append(run_phase("ingest", lambda: qzassist(["ingest", "--rebuild"])))
    phases["phases"].append(run_phase("ask", lambda: qzassist(["ask", sys.argv[1], "--json"])))
    phases["phases"].append(run_phase("serve", serve_once))
    print(json.dumps(phases, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
