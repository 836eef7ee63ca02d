import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anchored.storage import keys

FAST = keys.ARGON2_PROFILES["fast"]


@given(
    wrapping=st.binary(min_size=32, max_size=32),
    data_key=st.binary(min_size=32, max_size=32),
    aad=st.binary(max_size=200),
)
def test_wrap_then_unwrap_returns_the_same_key(
    wrapping: bytes, data_key: bytes, aad: bytes
) -> None:
    nonce, wrapped = keys.wrap(wrapping, data_key, aad)
    assert data_key not in wrapped
    assert keys.unwrap(wrapping, nonce, wrapped, aad) == data_key


@given(
    wrapping=st.binary(min_size=32, max_size=32),
    other=st.binary(min_size=32, max_size=32),
    data_key=st.binary(min_size=32, max_size=32),
)
def test_unwrap_with_another_key_fails(wrapping: bytes, other: bytes, data_key: bytes) -> None:
    nonce, wrapped = keys.wrap(wrapping, data_key, b"aad")
    if other != wrapping:
        with pytest.raises(keys.UnwrapError):
            keys.unwrap(other, nonce, wrapped, b"aad")


@given(data_key=st.binary(min_size=32, max_size=32), flip=st.integers(0, 47 * 8 - 1))
def test_any_flipped_bit_in_the_wrapped_key_is_detected(data_key: bytes, flip: int) -> None:
    wrapping = bytes(range(32))
    nonce, wrapped = keys.wrap(wrapping, data_key, b"aad")
    damaged = bytearray(wrapped)
    damaged[flip // 8 % len(damaged)] ^= 1 << (flip % 8)
    with pytest.raises(keys.UnwrapError):
        keys.unwrap(wrapping, nonce, bytes(damaged), b"aad")


def test_changed_associated_data_is_detected() -> None:
    wrapping = bytes(32)
    nonce, wrapped = keys.wrap(wrapping, b"k" * 32, b"memory_kib=65536")
    with pytest.raises(keys.UnwrapError):
        keys.unwrap(wrapping, nonce, wrapped, b"memory_kib=8")


@settings(max_examples=30, deadline=None)
@given(passphrase=st.text(min_size=1, max_size=40))
def test_passphrase_derivation_is_deterministic_per_salt(passphrase: str) -> None:
    salt = b"s" * 16
    first = keys.derive_from_passphrase(passphrase, salt, FAST)
    assert first == keys.derive_from_passphrase(passphrase, salt, FAST)
    assert len(first) == 32
    assert first != keys.derive_from_passphrase(passphrase, b"t" * 16, FAST)


def test_composed_and_decomposed_accents_give_the_same_key() -> None:
    salt = b"s" * 16
    assert keys.derive_from_passphrase("caf\u00e9 au lait", salt, FAST) == (
        keys.derive_from_passphrase("cafe\u0301 au lait", salt, FAST)
    )


@given(raw=st.binary(min_size=keys.RECOVERY_BYTES, max_size=keys.RECOVERY_BYTES))
def test_recovery_key_text_round_trips(raw: bytes) -> None:
    text = keys.format_recovery_key(raw)
    groups = text.split("-")
    assert len(groups) == 8
    assert all(len(g) == 4 for g in groups)
    assert keys.parse_recovery_key(text) == raw
    # Copied by hand: lower case, spaces instead of dashes, O for zero, l for one.
    sloppy = text.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert keys.parse_recovery_key(sloppy) == raw


def test_recovery_key_with_a_missing_group_is_explained() -> None:
    text = keys.format_recovery_key(bytes(range(20)))
    with pytest.raises(ValueError, match="groups of four"):
        keys.parse_recovery_key(text[:-5])


def test_standard_profile_matches_the_documented_cost() -> None:
    standard = keys.ARGON2_PROFILES["standard"]
    assert (standard.time_cost, standard.memory_kib, standard.parallelism) == (3, 65536, 4)
