"""A network sandbox for the query worker processes: they cannot open an Internet socket.

The safety check refuses SERVICE and every other query feature that could fetch (see
`safety.check_query`); this is the second, independent layer. Oxigraph's SPARQL engine has a
built-in HTTP client for SERVICE, so if any spelling ever got past the check, the worker still
could not reach a host: a seccomp filter (libseccomp, through pyseccomp) makes `socket()` fail
with EACCES for every address family but AF_UNIX (the worker talks to the server over a Unix
socket pair that exists before the filter is loaded). The filter is irreversible for the process
and inherited by anything it starts.
"""

from __future__ import annotations

import errno
import logging
import socket

log = logging.getLogger(__name__)

#: Address families a worker may not create sockets for (everything that can leave the machine
#: or configure it); AF_UNIX stays allowed.
BLOCKED_FAMILIES = tuple(
    getattr(socket, name)
    for name in ("AF_INET", "AF_INET6", "AF_PACKET", "AF_NETLINK", "AF_BLUETOOTH", "AF_CAN",
                 "AF_TIPC", "AF_ALG", "AF_VSOCK", "AF_RDS", "AF_QIPCRTR")
    if hasattr(socket, name)
)


class SandboxUnavailable(RuntimeError):
    """The platform cannot load the filter (not Linux, or libseccomp is missing)."""


def forbid_network() -> None:
    """Load the seccomp filter into the calling process; raises SandboxUnavailable."""
    try:
        import pyseccomp as seccomp

        f = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        for family in BLOCKED_FAMILIES:
            f.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.EQ, family))
            f.add_rule(seccomp.ERRNO(errno.EACCES), "socketpair",
                       seccomp.Arg(0, seccomp.EQ, family))
        f.load()
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        raise SandboxUnavailable(f"the network sandbox cannot be loaded here: {exc}") from exc


def network_is_forbidden() -> bool:
    """Whether this process can no longer create an Internet socket (for tests and the log)."""
    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    except PermissionError:
        return True
    return False
