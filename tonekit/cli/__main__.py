"""``python -m tonekit.cli``."""

from . import main

main()
