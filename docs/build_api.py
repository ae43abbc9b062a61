"""Build the API reference (``make docs``): one HTML page per public face of tonekit, from the
docstrings, into ``docs/_build/api`` (git-ignored).

The pages are the top-level ``tonekit`` and its subpackages ``quotes``, ``tone``, ``training``
and ``batch``, each listing what its ``__all__`` exports; the modules behind those faces get no
page of their own. The build fails (exit 1) on any warning: pdoc's own (a module that does not
import, an annotation it cannot read), a cross-reference in a docstring (``:func:`x```,
``:class:`x```, ...) that names nothing, a public function or class with no docstring, and a
docstring line that starts with ``>`` (Markdown would show it as a quote).

    python docs/build_api.py [--out DIR]
"""

from __future__ import annotations

import argparse
import builtins
import importlib
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pdoc
import pdoc.doc

PAGES = ("tonekit", "tonekit.quotes", "tonekit.tone", "tonekit.training", "tonekit.batch")
OUT = Path(__file__).resolve().parent / "_build" / "api"
TEMPLATES = Path(__file__).resolve().parent / "templates"  # the top-level page lists the subpackage pages
# :role:`target` as Sphinx writes it; pdoc renders the target as code, linked when it resolves
_REFERENCE = re.compile(r"(?::py)?:(mod|func|data|const|class|meth|attr|exc|obj):`([^`]+)`")
# a wrapped line that starts with ">" (">= 50% of ...") renders as a Markdown quote; ">>>" is a doctest
_STRAY_QUOTE = re.compile(r"^[ \t]*>(?!>>)", re.MULTILINE)


def _walk(doc: pdoc.doc.Doc[Any]) -> Iterator[pdoc.doc.Doc[Any]]:
    yield doc
    if isinstance(doc, (pdoc.doc.Module, pdoc.doc.Class)):
        for member in doc.own_members if isinstance(doc, pdoc.doc.Class) else doc.members.values():
            if isinstance(member, pdoc.doc.Module):
                continue  # a submodule has no page: pdoc lists none, and its docstring is not shown
            yield from _walk(member)


def _import(dotted: str) -> Any:
    """The object a dotted name names, importing modules along the way; AttributeError or
    ImportError if it names nothing."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            obj = getattr(obj, part)
        return obj
    raise ImportError(dotted)


def _resolves(target: str, doc: pdoc.doc.Doc[Any]) -> bool:
    """Whether a cross-reference in ``doc``'s docstring names something, read the way Sphinx
    reads it: ``.name`` relative to the module's package, a dotted path from the top, or a name
    in the module or the enclosing class."""
    target = target.lstrip("~").removesuffix("()")
    module: ModuleType = sys.modules[doc.taken_from[0]]
    if target.startswith("."):
        package = module.__name__ if hasattr(module, "__path__") else module.__name__.rpartition(".")[0]
        target = package + target
    head, _, rest = target.partition(".")
    scopes: list[Any] = [vars(module), vars(builtins)]
    qualname = doc.taken_from[1]
    if qualname and isinstance(doc, pdoc.doc.Class):
        scopes.insert(0, vars(doc.obj))
    elif "." in qualname:  # a method or attribute: its class's names come first
        owner = getattr(module, qualname.split(".")[0], None)
        if owner is not None:
            scopes.insert(0, vars(owner))
    for scope in scopes:
        if head in scope:
            obj = scope[head]
            try:
                for part in rest.split(".") if rest else []:
                    obj = getattr(obj, part)
            except AttributeError:
                return False
            return True
    try:
        _import(target)
    except (ImportError, AttributeError):
        return False
    return True


def check(modules: dict[str, pdoc.doc.Module]) -> list[str]:
    """What is wrong with the docstrings the pages show."""
    problems = []
    for page in modules.values():
        for doc in _walk(page):
            where = doc.fullname if doc is page else f"{page.modulename}.{doc.qualname}"
            if isinstance(doc, (pdoc.doc.Function, pdoc.doc.Class)) and not doc.docstring.strip() \
                    and not doc.name.startswith("_"):
                problems.append(f"{where}: public {doc.kind} without a docstring")
            if _STRAY_QUOTE.search(doc.docstring):
                problems.append(f"{where}: a docstring line starts with '>', which renders as a quote; reword it")
            for role, target in _REFERENCE.findall(doc.docstring):
                if not _resolves(target, doc):
                    problems.append(f"{where}: :{role}:`{target}` names nothing "
                                    f"(defined in {doc.taken_from[0]})")
    return sorted(set(problems))


def build(out: Path) -> list[str]:
    """Write the pages into ``out``; every warning the build raised, as text."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdoc.render.configure(docformat="restructuredtext", show_source=False, search=True,
                              footer_text="tonekit API reference", template_directory=TEMPLATES)
        for stale in [*out.rglob("*.html"), out / "search.js"] if out.is_dir() else []:
            stale.unlink(missing_ok=True)  # pages of an earlier build, so the page check sees this one
        pdoc.pdoc(*PAGES, output_directory=out)
        problems = check({name: pdoc.doc.Module(importlib.import_module(name)) for name in PAGES})
    found = [f"{w.filename}:{w.lineno}: {w.category.__name__}: {w.message}" for w in caught]
    return found + problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default: {OUT})")
    args = parser.parse_args(argv)
    problems = build(args.out)
    for problem in problems:
        print(f"docs: warning: {problem}", file=sys.stderr)
    pages = sorted(p.relative_to(args.out).as_posix() for p in args.out.rglob("*.html") if p.name != "index.html")
    expected = sorted(name.replace(".", "/") + ".html" for name in PAGES)
    if pages != expected:
        print(f"docs: warning: pages {pages}, expected {expected} (a private module got a page?)", file=sys.stderr)
        return 1
    if problems:
        print(f"docs: {len(problems)} warnings; the API reference must build without any", file=sys.stderr)
        return 1
    print(f"docs: {len(pages)} pages in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
