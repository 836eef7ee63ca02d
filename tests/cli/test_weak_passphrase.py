"""A weak passphrase (long enough, but quick to guess) is asked about once more: typed in a
terminal, "use it anyway? [y/N]"; from a script, only with --allow-weak."""

from __future__ import annotations

from pathlib import Path

from tests.cli.terminal import Terminal
from tests.support import PASSPHRASE, init_vault, run_cli

WEAK = "password123"
STRONG = "willow tide amber lantern"


def _typed(env: dict[str, str]) -> dict[str, str]:
    """No passphrase in the environment: it is typed."""
    return {k: v for k, v in env.items() if k not in {"ANCHORED_PASSPHRASE"}}


def _opens(env: dict[str, str], passphrase: str) -> bool:
    result = run_cli({**env, "ANCHORED_PASSPHRASE": passphrase}, "status", "--unlock")
    return result.returncode == 0


# -- typed in a terminal ------------------------------------------------------------------------


def test_init_asks_before_using_a_weak_passphrase_and_no_asks_again(
    cli_env: dict[str, str], data_dir: Path
) -> None:
    term = Terminal(_typed(cli_env), "init")
    term.expect("New passphrase: ")
    term.type(WEAK)
    term.expect("would be quick to guess")
    term.expect("Use it anyway? [y/N]: ")
    term.type("")  # Enter: no
    term.expect("New passphrase: ")
    term.type(STRONG)
    term.expect("Type it again: ")
    term.type(STRONG)
    term.expect("Your recovery key")
    assert term.finish() == 0
    assert WEAK not in term.screen  # passphrases are never echoed
    assert STRONG not in term.screen
    assert _opens(cli_env, STRONG)


def test_init_uses_a_weak_passphrase_when_the_person_says_yes(cli_env: dict[str, str]) -> None:
    term = Terminal(_typed(cli_env), "init")
    term.expect("New passphrase: ")
    term.type(WEAK)
    term.expect("Use it anyway? [y/N]: ")
    term.type("y")
    term.expect("Type it again: ")
    term.type(WEAK)
    term.expect("Your recovery key")
    assert term.finish() == 0
    assert _opens(cli_env, WEAK)


def test_a_strong_passphrase_is_not_questioned(cli_env: dict[str, str]) -> None:
    term = Terminal(_typed(cli_env), "init")
    term.expect("New passphrase: ")
    term.type(STRONG)
    term.expect("Type it again: ")
    term.type(STRONG)
    term.expect("Your recovery key")
    assert term.finish() == 0
    assert "Use it anyway" not in term.screen


def test_passwd_asks_the_same_way(cli_env: dict[str, str]) -> None:
    init_vault(cli_env)
    term = Terminal(cli_env, "passwd")  # the current passphrase comes from the setting
    term.expect("New passphrase: ")
    term.type(WEAK)
    term.expect("Use it anyway? [y/N]: ")
    term.type("n")
    term.expect("New passphrase: ")
    term.type(STRONG)
    term.expect("Type it again: ")
    term.type(STRONG)
    term.expect("Your passphrase was changed.")
    assert term.finish() == 0
    assert _opens(cli_env, STRONG)


def test_recover_asks_the_same_way(cli_env: dict[str, str]) -> None:
    key = init_vault(cli_env)
    term = Terminal(_typed(cli_env), "recover")
    term.expect("Recovery key (groups of four, dashes optional): ")
    term.type(key)
    term.expect("New passphrase: ")
    term.type(WEAK)
    term.expect("Use it anyway? [y/N]: ")
    term.type("yes")
    term.expect("Type it again: ")
    term.type(WEAK)
    term.expect("A new passphrase is set.")
    assert term.finish() == 0
    assert _opens(cli_env, WEAK)


# -- from scripts -------------------------------------------------------------------------------


def test_a_script_needs_allow_weak(cli_env: dict[str, str], data_dir: Path) -> None:
    weak_env = {**cli_env, "ANCHORED_PASSPHRASE": WEAK}
    refused = run_cli(weak_env, "init")
    assert refused.returncode == 2
    assert "would be quick to guess" in refused.stderr
    assert "--allow-weak" in refused.stderr
    assert WEAK not in refused.stderr + refused.stdout
    assert not (data_dir / "vault.json").exists()

    allowed = run_cli(weak_env, "init", "--allow-weak")
    assert allowed.returncode == 0, allowed.stderr
    assert _opens(cli_env, WEAK)


def test_passwd_and_recover_from_a_file_need_allow_weak(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    key = init_vault(cli_env)
    weak_file = tmp_path / "weak.txt"
    weak_file.write_text(f"{WEAK}\n")

    refused = run_cli(cli_env, "passwd", "--new-passphrase-file", str(weak_file))
    assert refused.returncode == 2
    assert "--allow-weak" in refused.stderr
    assert _opens(cli_env, PASSPHRASE)
    changed = run_cli(cli_env, "passwd", "--new-passphrase-file", str(weak_file), "--allow-weak")
    assert changed.returncode == 0, changed.stderr
    assert _opens(cli_env, WEAK)

    strong_file = tmp_path / "strong.txt"
    strong_file.write_text(f"{STRONG}\n")
    assert (
        run_cli(
            _typed(cli_env), "recover", "--new-passphrase-file", str(strong_file), stdin=key + "\n"
        ).returncode
        == 0
    )
    recover = ["recover", "--new-passphrase-file", str(weak_file)]
    refused = run_cli(_typed(cli_env), *recover, stdin=key + "\n")
    assert refused.returncode == 2
    assert "--allow-weak" in refused.stderr
    assert _opens(cli_env, STRONG)
    allowed = run_cli(_typed(cli_env), *recover, "--allow-weak", stdin=key + "\n")
    assert allowed.returncode == 0, allowed.stderr
    assert _opens(cli_env, WEAK)
