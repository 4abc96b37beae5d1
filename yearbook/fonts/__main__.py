"""`python -m yearbook.fonts`: the one-time font set-up (see yearbook.fonts.setup)."""

import sys

from yearbook.fonts.setup import main

sys.exit(main())
