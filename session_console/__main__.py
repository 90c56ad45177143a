import sys

from session_console.cli import main

sys.exit(main())
