"""Access codes of a hosted workspace: stored as salted scrypt hashes, checked in constant time.

A wrong code costs the caller a growing delay (per workspace), so guessing is slow.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["AccessGuard", "hash_code", "verify_code"]

# scrypt cost: n=2**14, r=8, p=1 takes ~50 ms and 16 MiB here; stored with each hash
N, R, P = 2**14, 8, 1
MIN_LENGTH = 6


def _scrypt(code: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        code.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=64 * 1024 * 1024
    )


def hash_code(code: str) -> str:
    """A salted scrypt hash of an access code, as ``scrypt$n$r$p$salt$hash`` (base64).

    Raises:
        ValueError: for a code shorter than six characters.

    """
    if len(code) < MIN_LENGTH:
        raise ValueError(f"an access code needs at least {MIN_LENGTH} characters")
    salt = secrets.token_bytes(16)
    digest = _scrypt(code, salt, N, R, P)
    encode = base64.urlsafe_b64encode
    return f"scrypt${N}${R}${P}${encode(salt).decode()}${encode(digest).decode()}"


def verify_code(code: str, stored: str) -> bool:
    """True when ``code`` matches ``stored``; the comparison takes the same time either way."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.urlsafe_b64decode(digest)
        actual = _scrypt(code, base64.urlsafe_b64decode(salt), int(n), int(r), int(p))
    except ValueError:
        return False
    return scheme == "scrypt" and hmac.compare_digest(actual, expected)


@dataclass
class AccessGuard:
    """Checks codes for workspaces, slowing down every wrong guess.

    After each wrong code for a workspace, the next check waits twice as long
    (from ``base_delay`` up to ``max_delay`` seconds); a right code resets it. The
    checks of one workspace run one at a time, so guesses sent in parallel each wait
    their turn and their own, growing, delay.
    """

    base_delay: float = 0.5
    max_delay: float = 30.0
    sleep: Callable[[float], None] = time.sleep
    _failures: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _turns: dict[str, threading.Lock] = field(default_factory=dict)

    def check(self, workspace: str, code: str, stored: str) -> bool:
        """Verify ``code`` for ``workspace`` after the delay its past failures earned."""
        with self._lock:
            turn = self._turns.setdefault(workspace, threading.Lock())
        with turn:
            failures = self._failures.get(workspace, 0)
            if failures:
                self.sleep(min(self.max_delay, self.base_delay * 2 ** (failures - 1)))
            ok = verify_code(code, stored)
            self._failures[workspace] = 0 if ok else failures + 1
        return ok
