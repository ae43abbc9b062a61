"""Typed and documented: users' type checkers see tonekit's real signatures (``py.typed``, and
the lazily loaded names imported for type checkers too), and the API reference build rejects
a docstring whose cross-reference names nothing or a public name without a docstring.

``make typecheck`` and ``make docs`` run the checks themselves; these tests pin what they rely on.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tonekit"


def test_the_package_is_marked_typed() -> None:
    assert (PACKAGE / "py.typed").is_file()  # tests/test_wheel.py checks the wheel ships it


def _type_checking_imports(tree: ast.Module) -> dict[str, str]:
    """name -> relative module it is imported from inside ``if TYPE_CHECKING:``."""
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.body:
                if isinstance(child, ast.ImportFrom) and child.level == 1 and child.module:
                    found.update({alias.name: child.module for alias in child.names})
    return found


@pytest.mark.parametrize("face", ["tonekit", "tonekit.training"], ids=["top", "training"])
def test_every_lazy_name_is_imported_for_type_checkers(face: str) -> None:
    # without the TYPE_CHECKING import, mypy types a lazy name as Any (module __getattr__)
    module = importlib.import_module(face)
    lazy: dict[str, str] = dict(module._LAZY)
    path = PACKAGE.parent / (face.replace(".", "/") + "/__init__.py")
    imported = _type_checking_imports(ast.parse(path.read_text(encoding="utf-8")))
    missing = {name: home for name, home in lazy.items() if imported.get(name) != home}
    assert not missing, f"{face}: import these under `if TYPE_CHECKING:` from their modules: {missing}"
    assert set(imported) <= set(module.__all__)


def _build_api() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_api", ROOT / "docs" / "build_api.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CLEAN = '''
    """A face. :mod:`.inner` does the work; :func:`helper` helps, :class:`Thing` holds."""
    from .inner import Thing, helper
    __all__ = ["Thing", "helper"]
'''


@pytest.mark.parametrize(("face", "inner", "expected"), [
    (CLEAN, '''
        class Thing:
            """A thing; :meth:`size` says how big, :attr:`name` names it."""
            name = "x"
            def size(self) -> int:
                """See :meth:`Thing.size` and :func:`helper`, :class:`str`, :mod:`os.path`."""
                return 1
        def helper() -> None:
            """Uses :class:`Thing` and :func:`{pkg}.helper`."""
    ''', []),
    (CLEAN, '''
        class Thing:
            """A thing."""
        def helper() -> None:
            """Like :func:`nowhere` and :mod:`.missing`."""
    ''', ["{pkg}.helper: :func:`nowhere` names nothing", "{pkg}.helper: :mod:`.missing` names nothing"]),
    (CLEAN, '''
        class Thing:
            """A thing."""
            def size(self) -> int:
                return 1
        def helper() -> None:
            pass
    ''', ["{pkg}.Thing.size: public function without a docstring", "{pkg}.helper: public function without a docstring"]),
    ('''
        """A face whose reference :func:`gone` broke."""
        from .inner import Thing, helper
        __all__ = ["Thing", "helper"]
    ''', '''
        class Thing:
            """A thing."""
        def helper() -> None:
            """Helps."""
    ''', ["{pkg}: :func:`gone` names nothing"]),
    (CLEAN, '''
        class Thing:
            """A thing.

            >>> Thing()  # a doctest is fine
            """
        def helper() -> None:
            """True when the share is
            >= 50%, wrapped where Markdown starts a quote."""
    ''', ["{pkg}.helper: a docstring line starts with '>', which renders as a quote; reword it"]),
], ids=["clean", "unresolved-reference", "no-docstring", "module-docstring", "stray-quote"])
def test_the_docs_build_reports_broken_docstrings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, face: str,
                                                 inner: str, expected: list[str], request: pytest.FixtureRequest) -> None:
    import pdoc.doc

    package = "docfixture_" + request.node.callspec.id.replace("-", "_")
    folder = tmp_path / package
    folder.mkdir()
    (folder / "__init__.py").write_text(textwrap.dedent(face), encoding="utf-8")
    (folder / "inner.py").write_text(textwrap.dedent(inner).replace("{pkg}", package), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        problems = _build_api().check({package: pdoc.doc.Module(importlib.import_module(package))})
    finally:
        for name in [n for n in sys.modules if n.startswith(package)]:
            del sys.modules[name]
    assert [p.split(" (defined in")[0] for p in problems] == sorted(e.replace("{pkg}", package) for e in expected)
