"""``python -m mapper``: the same as the ``mapper`` command."""

from mapper.cli import main

raise SystemExit(main())
