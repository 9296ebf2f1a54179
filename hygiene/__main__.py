"""``python -m hygiene`` runs the command-line interface."""

from hygiene.cli import main

main()
