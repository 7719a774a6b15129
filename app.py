"""Start the qzassist chat UI (what `make run` ends in). All the UI lives in src/qzassist/ui.py."""

import sys

from qzassist.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
