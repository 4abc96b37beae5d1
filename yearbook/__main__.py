import sys

from yearbook.cli import run

sys.exit(run())
