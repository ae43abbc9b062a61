"""The data files shipped in ``tonekit/data``: word lists, the phrasebook and the stopwords;
and where the shipped annotations, seed articles and model live (the source checkout's
top-level folders, or their copies inside an installed package).

Data, not code: a list is changed by editing its file, and a model folder records the sha256
of every file that shaped its features.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

__all__ = ["read_data_text", "read_data_lines", "parse_data_lines", "data_sha256", "FEATURE_DATA_FILES",
           "checkout_root", "shipped_folder", "SHIPPED_FOLDERS"]

# top-level folder of the checkout -> the data package setup.py maps it onto in a wheel
SHIPPED_FOLDERS = {"models": "_models", "annotations": "_annotations", "seeds": "_seeds"}
_PACKAGE = Path(__file__).resolve().parent

# The data files the tone model's features depend on (recorded by sha256 in meta.json).
FEATURE_DATA_FILES = ("phrasebook.tsv", "stopwords.txt")


def read_data_text(name: str) -> str:
    """The text of ``tonekit/data/<name>``."""
    return resources.files("tonekit").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def parse_data_lines(text: str) -> list[str]:
    """Non-empty lines of a data file's text, comments ("# ...") removed."""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


def read_data_lines(name: str) -> list[str]:
    """Non-empty lines of ``tonekit/data/<name>``, comments ("# ...") removed."""
    return parse_data_lines(read_data_text(name))


def data_sha256(name: str) -> str:
    """sha256 of the bytes of ``tonekit/data/<name>``."""
    return hashlib.sha256(resources.files("tonekit").joinpath("data").joinpath(name).read_bytes()).hexdigest()


def checkout_root() -> Path | None:
    """The root of the source checkout tonekit runs from (an editable install, or the checkout
    on ``sys.path``), or None when tonekit runs from an installed package."""
    root = _PACKAGE.parent
    try:
        is_checkout = 'name = "tonekit"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        is_checkout = False
    return root if is_checkout else None


def shipped_folder(name: str) -> Path:
    """Where the shipped ``models``, ``annotations`` or ``seeds`` folder is: the checkout's own
    top-level folder when tonekit runs from a checkout, else the copy inside the package."""
    if name not in SHIPPED_FOLDERS:
        raise ValueError(f"the 'name' argument of shipped_folder must be one of {sorted(SHIPPED_FOLDERS)}; got {name!r}")
    root = checkout_root()
    return root / name if root is not None else _PACKAGE / SHIPPED_FOLDERS[name]
