"""Test settings: the project's settings with a throwaway secret key.

The key is set here, not in conflict/settings.py, so the real settings keep refusing to
start without one when DEBUG is off.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment-3f9a1c7e5b2d8046")

# Each run its own cache directory (throttle counts, download slots, built packages): the
# SQLite and PostgreSQL passes run side by side and must not clear each other's entries.
# Set in the environment, so a subprocess a test starts shares it.
if "CACHE_DIR" not in os.environ:
    os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="conflict-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CACHE_DIR"], ignore_errors=True)

from conflict.settings import *  # noqa: F403

PACKAGE_CACHE_DIR = Path(os.environ["CACHE_DIR"]) / "packages"
# Many tests read only an export's headers, and the test client closes a streamed response
# (freeing its download slot) only when it is read to the end: the tests of the limits lower
# these.
EXPORT_DOWNLOADS = EXPORT_DOWNLOADS_PER_CLIENT = 10_000

# Generous rates: the suite must not trip the throttles by accident; one test lowers them.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
}

# The test client speaks plain http: production's redirect and secure cookies stay off.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

# No collectstatic in tests: WhiteNoise serves from the apps' static directories.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
