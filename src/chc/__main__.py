"""`python -m chc` runs the command line."""

from chc.launch import main

main()
