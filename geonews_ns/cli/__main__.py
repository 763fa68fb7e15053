"""`python -m geonews.cli` runs the `geonews` command."""

from . import main

main()
