"""`python -m cms` runs the `cms` command."""

from cms.cli import main

main()
