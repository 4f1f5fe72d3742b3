"""`python -m painmap` runs the command line."""

from painmap.cli import main

main()
