"""The data files shipped in ``tonekit/data``: word lists, the phrasebook and the stopwords.

Data, not code: a list is changed by editing its file, and a model folder records the sha256
of every file that shaped its features.
"""

from __future__ import annotations

import hashlib
from importlib import resources

__all__ = ["read_data_text", "read_data_lines", "parse_data_lines", "data_sha256", "FEATURE_DATA_FILES"]

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
