"""Which files the wheel and the sdist hold; everything else is in pyproject.toml.

The default model ships inside the package as ``tonekit/_models``: setuptools maps that data
package onto the top-level ``models/`` folder, so the repository keeps one copy of the model.
The annotations and the seed articles ship the same way (``tonekit/_annotations``,
``tonekit/_seeds``): ``tonekit init`` seeds a new workspace with them.
Only the folder ``models/DEFAULT`` names ships, with the pointer, and only what scoring and
``tonekit info`` read. This is in setup.py, not pyproject.toml, because the folder's name is
read from the pointer at build time.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup

MODELS = Path(__file__).resolve().parent / "models"
# what loading to score reads (meta.json, the arrays and their spec) and the data copies that shaped its features;
# the training records and the estimators stay in the repository: only retraining reads them
MODEL_FILES = ("meta.json", "scoring.npz", "scoring.json", "phrasebook.tsv", "stopwords.txt")


def default_model_files() -> list[str]:
    pointer = MODELS / "DEFAULT"
    if not pointer.is_file():
        raise SystemExit(f"tonekit build: {pointer} is missing; it names the model folder the package ships. "
                         "Write the folder's name into it (see README, 'Retraining')")
    name = pointer.read_text(encoding="utf-8").strip()
    folder = MODELS / name
    if not name or "/" in name or "\\" in name or not (folder / "meta.json").is_file() \
            or not (folder / "scoring.npz").is_file():
        raise SystemExit(f"tonekit build: {pointer} names {name!r}, which is not a model folder in {MODELS} "
                         "(it needs meta.json and scoring.npz); point it at the model to ship")
    return ["DEFAULT", *(f"{name}/{file}" for file in MODEL_FILES if (folder / file).is_file())]


setup(
    packages=[*find_namespace_packages(include=["tonekit", "tonekit.*"]), "tonekit._models", "tonekit._annotations",
              "tonekit._seeds"],
    package_dir={"tonekit._models": "models", "tonekit._annotations": "annotations", "tonekit._seeds": "seeds"},
    package_data={"tonekit": ["data/*.txt", "data/*.json", "data/*.tsv", "py.typed"], "tonekit._models": default_model_files(),
                  "tonekit._annotations": ["*.md", "**/*.jsonl"], "tonekit._seeds": ["*.txt"]},
)
