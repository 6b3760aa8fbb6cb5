"""PyInstaller entry script: the same as ``python -m itadesk``."""

import sys

from itadesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
