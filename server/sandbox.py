"""Walls around a query process: no network, bounded memory.

The query policy (server/policy.py) refuses SERVICE and LOAD from the parsed query;
this is the second wall, so that a gap in that parser cannot become a request:
a query process may not create an internet socket at all. Linux seccomp makes
`socket(AF_INET|AF_INET6|AF_PACKET, ...)` fail with EPERM (no privileges needed);
where seccomp is unavailable, a fresh network namespace (no interfaces but a
downed loopback) is tried; the method used is reported on /healthz.

RLIMIT_AS bounds the address space of a query process: a query that would grow
past it fails its allocation and the process dies (Rust aborts), which the pool
reports as 503 and replaces.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import platform
import resource
import struct

log = logging.getLogger(__name__)

# linux/audit.h, asm/unistd.h: (AUDIT_ARCH, socket, io_uring_setup, seccomp) per machine
_ARCH = {
    "x86_64": (0xC000003E, 41, 425, 317),
    "aarch64": (0xC00000B7, 198, 425, 277),
}
_BLOCKED_FAMILIES = (2, 10, 17)  # AF_INET, AF_INET6, AF_PACKET

_PR_SET_NO_NEW_PRIVS = 38
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


def _filter(arch: int, nr_socket: int, nr_uring: int) -> bytes:
    """A classic-BPF seccomp program: EPERM for internet sockets and io_uring, allow the rest."""
    deny = _RET_ERRNO | errno.EPERM
    prog = [
        (_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ_K, 1, 0, arch),
        (_RET_K, 0, 0, deny),  # a foreign ABI: nothing is allowed through it
        (_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        (_JGE_K, 0, 1, 0x40000000),  # x32 syscalls
        (_RET_K, 0, 0, deny),
        (_JEQ_K, 0, 1, nr_uring),
        (_RET_K, 0, 0, _RET_ERRNO | errno.ENOSYS),
        (_JEQ_K, 0, 1 + 2 * len(_BLOCKED_FAMILIES), nr_socket),
        (_LD_W_ABS, 0, 0, 16),  # seccomp_data.args[0] (low word): the address family
    ]
    for family in _BLOCKED_FAMILIES:
        prog += [(_JEQ_K, 0, 1, family), (_RET_K, 0, 0, deny)]
    prog.append((_RET_K, 0, 0, _RET_ALLOW))
    return b"".join(struct.pack("HBBI", *ins) for ins in prog)


def _libc():
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def _seccomp() -> bool:
    machine = platform.machine()
    if machine not in _ARCH:
        return False
    arch, nr_socket, nr_uring, nr_seccomp = _ARCH[machine]
    code = _filter(arch, nr_socket, nr_uring)
    buf = ctypes.create_string_buffer(code, len(code))

    class _Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = _Prog(len(code) // 8, ctypes.addressof(buf))
    libc = _libc()
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    rc = libc.syscall(nr_seccomp, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC, ctypes.byref(prog))
    return rc == 0


def _network_namespace() -> bool:
    libc = _libc()
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return True
    return False


def block_network() -> str:
    """Forbid internet sockets in this process (and its threads); the method used, or "none"."""
    try:
        if _seccomp():
            return "seccomp"
        if _network_namespace():
            return "network namespace"
    except (OSError, AttributeError) as exc:  # not Linux, no libc: reported, never fatal
        log.warning("could not wall off the network of a query process: %s", exc)
    return "none"


def address_space() -> int:
    """Bytes of address space this process has mapped now (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def limit_memory(megabytes: int) -> None:
    """Let this process map at most `megabytes` more (RLIMIT_AS over what it maps now); 0: unbounded.

    Relative to now, because an open store already maps thread stacks and caches that are
    not what a query grows.
    """
    if megabytes <= 0:
        return
    limit = address_space() + megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
