"""``python -m mlkata``: the same as the ``mlkata`` command."""

import sys

from mlkata.cli import main

sys.exit(main())
