#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict.settings")
    if not os.environ.get("SECRET_KEY") and "DEBUG" not in os.environ:
        # A checkout with no configuration is a developer's: manage.py runs in development
        # mode, and says so. Servers (wsgi/asgi) still refuse to start without SECRET_KEY.
        os.environ["DEBUG"] = "1"
        print("manage.py: no SECRET_KEY or DEBUG set; development mode (DEBUG=1).", file=sys.stderr)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
