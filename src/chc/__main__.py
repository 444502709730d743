"""`python -m chc` runs the command line."""

from chc.cli import main

main()
