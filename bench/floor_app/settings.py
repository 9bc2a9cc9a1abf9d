"""The API's own settings with a URL configuration of two fixed answers (bench/floor.py)."""

from conflict.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor_app.urls"
