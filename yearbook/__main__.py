import sys

from yearbook.cli import main

sys.exit(main())
