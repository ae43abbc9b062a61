"""Which files the wheel and the sdist hold; everything else is in pyproject.toml.

The default model ships inside the package as ``tonekit/_models``: setuptools maps that data
package onto the top-level ``models/`` folder, so the repository keeps one copy of the model.
Only the folder ``models/DEFAULT`` names ships, with the pointer, and only what scoring and
``tonekit info`` read. This is in setup.py, not pyproject.toml, because the folder's name is
read from the pointer at build time.
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup

MODELS = Path(__file__).resolve().parent / "models"
# what loading reads (meta.json, model.joblib) and the data copies that shaped its features;
# the training records (training.jsonl.gz) stay in the repository, only retraining reads them
MODEL_FILES = ("meta.json", "model.joblib", "phrasebook.tsv", "stopwords.txt")


def default_model_files() -> list[str]:
    pointer = MODELS / "DEFAULT"
    if not pointer.is_file():
        raise SystemExit(f"tonekit build: {pointer} is missing; it names the model folder the package ships. "
                         "Write the folder's name into it (see README, 'Retraining')")
    name = pointer.read_text(encoding="utf-8").strip()
    folder = MODELS / name
    if not name or "/" in name or "\\" in name or not (folder / "meta.json").is_file() \
            or not (folder / "model.joblib").is_file():
        raise SystemExit(f"tonekit build: {pointer} names {name!r}, which is not a model folder in {MODELS} "
                         "(it needs meta.json and model.joblib); point it at the model to ship")
    return ["DEFAULT", *(f"{name}/{file}" for file in MODEL_FILES if (folder / file).is_file())]


setup(
    packages=[*find_namespace_packages(include=["tonekit", "tonekit.*"]), "tonekit._models"],
    package_dir={"tonekit._models": "models"},
    package_data={"tonekit": ["data/*.txt", "data/*.json", "data/*.tsv", "py.typed"], "tonekit._models": default_model_files()},
)
