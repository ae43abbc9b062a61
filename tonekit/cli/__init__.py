"""The ``tonekit`` command: a thin shell over the library. Library errors become one-line
messages on stderr and a non-zero exit code; nothing here holds logic the API lacks.

One module per group of commands: :mod:`.quotes` (quotes, eval-quotes), :mod:`.tone` (score, info),
:mod:`.training` (annotations, annotate, train), :mod:`.batch` (batch, report), :mod:`.workspace`
(init, convert-model); :mod:`._app`
is the shared shell.
"""

from ._app import main
from . import batch, quotes, tone, training, workspace  # noqa: E402,F401 (each registers its commands on main)

__all__ = ["main"]
