"""Access codes: salted scrypt hashes, constant-time checks, growing delays on wrong codes."""

from __future__ import annotations

import hmac
import threading

import pytest

from bm3c.store import access
from bm3c.store.access import AccessGuard, hash_code, verify_code


def test_a_code_is_stored_as_a_salted_hash_and_checked() -> None:
    stored = hash_code("jardins-2026")
    assert stored.startswith("scrypt$16384$8$1$")
    assert "jardins" not in stored
    assert hash_code("jardins-2026") != stored  # a fresh salt each time
    assert verify_code("jardins-2026", stored)
    assert not verify_code("jardins-2025", stored)
    assert not verify_code("", stored)
    assert not verify_code("jardins-2026", "not a hash")


def test_short_codes_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 6"):
        hash_code("abc")


def test_the_check_always_hashes_and_compares_in_constant_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Timing cannot depend on how much of the code is right: every check runs the full
    scrypt and compares digests with hmac.compare_digest, never with ==."""
    stored = hash_code("jardins-2026")
    calls: list[str] = []
    real_scrypt, real_compare = access._scrypt, hmac.compare_digest

    def counting_scrypt(code: str, *args: object) -> bytes:
        calls.append("scrypt")
        return real_scrypt(code, *args)  # type: ignore[arg-type]

    def counting_compare(a: bytes, b: bytes) -> bool:
        calls.append("compare")
        return real_compare(a, b)

    monkeypatch.setattr(access, "_scrypt", counting_scrypt)
    monkeypatch.setattr(access.hmac, "compare_digest", counting_compare)
    for guess in ("x", "jardins-2025", "jardins-2026", "j" * 200):
        calls.clear()
        verify_code(guess, stored)
        assert calls == ["scrypt", "compare"], guess


def test_wrong_codes_are_slowed_down_and_a_right_one_resets() -> None:
    waits: list[float] = []
    guard = AccessGuard(base_delay=0.5, max_delay=2.0, sleep=waits.append)
    stored = hash_code("jardins-2026")
    assert not guard.check("jardins", "wrong-1", stored)
    assert not guard.check("jardins", "wrong-2", stored)
    assert not guard.check("jardins", "wrong-3", stored)
    assert not guard.check("jardins", "wrong-4", stored)
    assert waits == [0.5, 1.0, 2.0]
    assert guard.check("halle", "wrong-1", stored) is False  # other workspaces unaffected
    assert waits == [0.5, 1.0, 2.0]
    assert guard.check("jardins", "jardins-2026", stored)
    assert guard.check("jardins", "jardins-2026", stored)
    assert waits == [0.5, 1.0, 2.0, 2.0]


def test_guesses_sent_in_parallel_each_wait_their_own_growing_delay() -> None:
    waits: list[float] = []
    guard = AccessGuard(base_delay=0.5, max_delay=60.0, sleep=waits.append)
    stored = hash_code("jardins-2026")
    guard.check("jardins", "wrong-0", stored)  # one failure: the next guesses wait
    threads = [
        threading.Thread(target=guard.check, args=("jardins", f"wrong-{i}", stored))
        for i in range(1, 6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # one at a time, each after the one before failed: 0.5, 1, 2, 4, 8 (not five times 0.5)
    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0]
