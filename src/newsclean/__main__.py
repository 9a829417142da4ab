"""``python -m newsclean``: the same command as ``newsclean``."""

from .cli import main

main()
