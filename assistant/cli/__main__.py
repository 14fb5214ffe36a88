"""`python -m assistant.cli` runs the `irek` command line (the gate uses it, so a checkout runs its own code)."""

from assistant.cli import main

main()
