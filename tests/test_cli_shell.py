"""The command line as people expect it: tables that wrap rather than cut, a progress bar only on
a terminal, shell completion and --version. The texts are invented for these tests."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from importlib.metadata import version
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from tonekit.cli import main
from tonekit.cli._app import print_table, wrap_cell
from tonekit.cli._progress import article_progress, show_progress

LONG = ("“The two delegations agreed that the ferry timetable, the customs posts on both banks and the shared "
        "weather station will all be reviewed together before the autumn session of the river commission,” "
        "the minister said.")
LONG_QUOTE_WORDS = LONG[1:LONG.index("”")].replace(",", "").split()


def _words(text: str) -> list[str]:
    return text.replace(",", "").split()


# ------------------------------------------------------------------------------ wrap, not cut


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300),
       st.integers(min_value=1, max_value=90))
def test_wrap_cell_keeps_every_character_and_fits(text: str, width: int) -> None:
    lines = wrap_cell(text, width)
    assert all(len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


@pytest.mark.parametrize("width", [pytest.param(60, id="narrow"), pytest.param(120, id="default"),
                                   pytest.param(200, id="wide")])
def test_quotes_table_wraps_to_width(tmp_path: Path, width: int) -> None:
    (tmp_path / "a.txt").write_text(LONG, encoding="utf-8")
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", "--width", str(width), str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines)
    header = next(n for n, line in enumerate(lines) if line.startswith("KIND"))
    table, text_at = lines[header + 1:], lines[header].index("TEXT")  # the text column is the last one
    assert _words(" ".join(line[text_at:] for line in table)) == LONG_QUOTE_WORDS
    assert "\u2026" not in result.stdout


def test_width_zero_writes_each_row_in_full_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(LONG, encoding="utf-8")
    result = CliRunner().invoke(main, ["quotes", "--mode", "fast", "--width", "0", str(tmp_path)])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if line.startswith("direct"))
    assert row.endswith(LONG[1:LONG.index(",”")])


def test_score_table_wraps_statements() -> None:
    statement = " ".join(["We welcome the agreement on the joint ferry link and the shared weather station."] * 3)
    result = CliRunner().invoke(main, ["score", "--width", "80", "-"], input=statement + "\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 2 and all(len(line) <= 80 for line in lines)
    assert _words(" ".join(line[lines[0].index("TEXT"):] for line in lines[1:])) == _words(statement)


def test_print_table_continuation_lines_leave_other_columns_blank(capsys: pytest.CaptureFixture[str]) -> None:
    print_table([{"id": "s1", "text": "one two three four five six seven eight nine ten"}],
                [("id", 4), ("text", 10)], width=36)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "TEXT"]
    assert lines[1].startswith("s1    one two") and all(line.startswith("      ") for line in lines[2:])


@pytest.mark.parametrize("value", [pytest.param("-1", id="negative"), pytest.param("wide", id="not-a-number")])
def test_bad_width_is_refused(value: str) -> None:
    result = CliRunner().invoke(main, ["quotes", "--width", value, "-"], input="text\n")
    assert result.exit_code == 2 and "--width" in result.output


# ------------------------------------------------------------------------------ progress


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("forced, tty, shown", [
    pytest.param(None, True, True, id="terminal"),
    pytest.param(None, False, False, id="pipe"),
    pytest.param(True, False, True, id="forced-on"),
    pytest.param(False, True, False, id="forced-off"),
])
def test_progress_only_on_a_terminal_unless_forced(tmp_path: Path, forced: bool | None, tty: bool,
                                                   shown: bool) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text("text", encoding="utf-8")
    stream = _Stream(tty)
    assert show_progress(forced, stream) is shown
    assert list(article_progress(iter("abc"), [str(tmp_path)], progress=forced, stream=stream)) == ["a", "b", "c"]
    assert ("3/3" in stream.getvalue() and "article" in stream.getvalue()) is shown
    assert (stream.getvalue() == "") is not shown


def _annotate_args(root: Path, tmp_path: Path) -> list[str]:
    return ["annotate", str(root / "seeds"), "--mode", "fast", "--annotations", str(root / "annotations"),
            "--out", str(tmp_path / "todo.jsonl")]


COMMANDS = {
    "quotes": lambda root, tmp: ["quotes", "--mode", "fast", "--format", "jsonl", str(root / "seeds")],
    "score-articles": lambda root, tmp: ["score", "--articles", "--mode", "fast", "--format", "jsonl",
                                         str(root / "seeds")],
    "batch": lambda root, tmp: ["batch", "--mode", "fast", str(root / "seeds"), "--out", str(tmp / "r.jsonl")],
    "annotate": _annotate_args,
}


@pytest.mark.parametrize("command", list(COMMANDS), ids=list(COMMANDS))
@pytest.mark.parametrize("flag, shown", [pytest.param([], False, id="default-not-a-terminal"),
                                         pytest.param(["--progress"], True, id="forced")])
def test_every_article_command_has_a_progress_bar(root: Path, tmp_path: Path, command: str, flag: list[str],
                                                  shown: bool) -> None:
    result = CliRunner().invoke(main, [*COMMANDS[command](root, tmp_path), *flag])
    assert result.exit_code == 0, result.output
    assert ("5/5" in result.stderr and "article/s" in result.stderr) is shown
    assert "article/s" not in result.stdout  # the bar never enters the data


def _run_with_stderr(args: list[str], tty: bool, cwd: Path) -> tuple[str, str]:
    """Run ``python -m tonekit.cli ARGS`` with stderr on a pseudo-terminal or a pipe."""
    command = [sys.executable, "-m", "tonekit.cli", *args]
    if not tty:
        done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=120)
        return done.stdout, done.stderr
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=slave, cwd=cwd) as process:
        os.close(slave)
        chunks = []
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        out = process.stdout.read().decode("utf-8") if process.stdout else ""
        process.wait(60)
    os.close(master)
    return out, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize("tty", [pytest.param(True, id="terminal"), pytest.param(False, id="pipe")])
def test_progress_on_a_real_terminal_only(root: Path, tty: bool) -> None:
    out, err = _run_with_stderr(["quotes", "--mode", "fast", "--format", "jsonl", "seeds"], tty, root)
    assert len(out.splitlines()) > 5  # one JSON line per quote
    assert ("5/5" in err) is tty and ("article/s" in err) is tty


# ------------------------------------------------------------------------------ completion, --version


@pytest.mark.parametrize("shell, marker", [
    pytest.param("bash", "complete -o nosort -F _tonekit_completion tonekit", id="bash"),
    pytest.param("zsh", "compdef _tonekit_completion tonekit", id="zsh"),
    pytest.param("fish", "complete --no-files --command tonekit", id="fish"),
])
def test_completion_script(shell: str, marker: str) -> None:
    result = CliRunner().invoke(main, [], prog_name="tonekit", env={"_TONEKIT_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0, result.output
    assert marker in result.output and "_TONEKIT_COMPLETE" in result.output


@pytest.mark.parametrize("words, cword, expected", [
    pytest.param("tonekit ba", "1", {"batch"}, id="command"),
    pytest.param("tonekit annotations ", "2", {"check", "import", "stats"}, id="subcommand"),
    pytest.param("tonekit quotes --format ", "3", {"table", "jsonl", "csv"}, id="choice"),
])
def test_completion_completes(words: str, cword: str, expected: set[str]) -> None:
    result = CliRunner().invoke(main, [], prog_name="tonekit", env={
        "_TONEKIT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": cword})
    assert result.exit_code == 0, result.output
    assert {line.split(",", 1)[1] for line in result.output.splitlines()} >= expected


def test_completion_of_an_unknown_shell_fails() -> None:
    result = CliRunner().invoke(main, [], prog_name="tonekit", env={"_TONEKIT_COMPLETE": "tcsh_source"})
    assert result.exit_code != 0


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"], prog_name="tonekit")
    assert result.exit_code == 0
    assert result.output.strip() == f"tonekit, version {version('tonekit')}"
