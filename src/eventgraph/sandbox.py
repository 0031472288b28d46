"""Limits a ``serve`` query process puts on itself: no network sockets, a memory ceiling.

pyoxigraph answers ``SERVICE`` by fetching the URL from Rust code, so a Python-level
guard cannot stop it; the kernel can.  ``block_network`` installs a seccomp filter
(Linux, x86-64 and arm64) that makes ``socket(AF_INET|AF_INET6, ...)`` fail with
``EACCES`` in every thread of the process, present and future: DNS look-ups and
connections from any library fail, while the Unix-domain pipe to the server keeps
working.  Where seccomp is not available it falls back to a network namespace of
the process's own (``unshare(CLONE_NEWNET)``, which needs root), holding only a
loopback interface that is down.  The BPF program is small enough to read:

    load arch; if not this machine's arch: allow
    load syscall number; if not socket: allow
    load the first argument (the address family); if AF_INET or AF_INET6: fail with EACCES
    allow
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import platform
import resource
import struct

# (audit arch, socket syscall, seccomp syscall) by machine
_ARCHES = {"x86_64": (0xC000003E, 41, 317), "aarch64": (0xC00000B7, 198, 277), "arm64": (0xC00000B7, 198, 277)}
_AF_INET, _AF_INET6 = 2, 10
_PR_SET_NO_NEW_PRIVS = 38
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
_CLONE_NEWNET = 0x40000000
# BPF opcodes: BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K
_LD, _JEQ, _RET = 0x20, 0x15, 0x06


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _program(arch: int, socket_nr: int) -> list[tuple[int, int, int, int]]:
    # seccomp_data: int nr (offset 0), u32 arch (4), u64 ip (8), u64 args[6] (16...); little-endian
    return [
        (_LD, 0, 0, 4),  # 0: arch
        (_JEQ, 0, 5, arch),  # 1: other arch -> 7 (allow)
        (_LD, 0, 0, 0),  # 2: syscall number
        (_JEQ, 0, 3, socket_nr),  # 3: not socket -> 7 (allow)
        (_LD, 0, 0, 16),  # 4: low word of the first argument: the family
        (_JEQ, 2, 0, _AF_INET),  # 5: AF_INET -> 8 (refuse)
        (_JEQ, 1, 0, _AF_INET6),  # 6: AF_INET6 -> 8 (refuse)
        (_RET, 0, 0, _SECCOMP_RET_ALLOW),  # 7
        (_RET, 0, 0, _SECCOMP_RET_ERRNO | errno.EACCES),  # 8
    ]


def block_network() -> str:
    """Make this process unable to open IPv4/IPv6 sockets; how (``seccomp`` or ``netns``), or raise OSError."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    arches = _ARCHES.get(platform.machine())
    if arches is not None and struct.calcsize("P") == 8:
        arch, socket_nr, seccomp_nr = arches
        program = _program(arch, socket_nr)
        filters = (_SockFilter * len(program))(*(_SockFilter(*instruction) for instruction in program))
        fprog = _SockFprog(len(program), filters)
        if (
            libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
            and libc.syscall(seccomp_nr, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_TSYNC, ctypes.byref(fprog)) == 0
        ):
            return "seccomp"
    if hasattr(libc, "unshare") and libc.unshare(_CLONE_NEWNET) == 0:
        return "netns"
    code = ctypes.get_errno()
    raise OSError(code, f"cannot keep the query process off the network: {os.strerror(code)}")


def address_space() -> int:
    """Bytes of address space this process holds now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def cap_memory(extra_bytes: int) -> None:
    """An address-space ceiling ``extra_bytes`` above what this process holds now.

    Past it allocations fail (MemoryError, or Rust's allocator stops the process) instead of
    the machine.  The ceiling is counted from the resting size (Python, pyoxigraph and the
    threads they started: about 470 MB of mostly reserved address space on Linux x86-64,
    more on machines with more cores) so that the same setting leaves a query the same room
    everywhere.
    """
    limit_bytes = address_space() + extra_bytes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit_bytes = min(limit_bytes, hard)
    with contextlib.suppress(ValueError, OSError):  # a system without an address-space limit (macOS refuses it)
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, hard))
