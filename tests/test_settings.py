"""Settings come from the environment; production refuses to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k3y-for-settings-tests-only-7b1e9d0c4a6f2e8b5d3c1a9f7e6d4c2b"


def run_settings(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    base["DJANGO_SETTINGS_MODULE"] = "conflict.settings"
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off() -> None:
    result = run_settings({}, "pass")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_alone_gives_a_development_setup_on_sqlite_in_the_project_root() -> None:
    code = (
        "from django.conf import settings as s; db = s.DATABASES['default'];"
        "print(db['ENGINE'], db['NAME'], s.DEBUG)"
    )
    result = run_settings({"DEBUG": "1"}, code)
    assert result.returncode == 0, result.stderr
    engine, name, debug = result.stdout.split()
    assert engine == "conflict.sqlite_backend"  # Django's, remembering placeholder rewrites
    assert Path(name) == ROOT / "db.sqlite3"
    assert debug == "True"


def test_database_url_selects_postgresql() -> None:
    code = (
        "from django.conf import settings as s; db = s.DATABASES['default'];"
        "print(db['ENGINE'], db['NAME'], db['HOST'])"
    )
    env = {"SECRET_KEY": STRONG_KEY, "DATABASE_URL": "postgres://u@db.example:5432/claims"}
    result = run_settings(env, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "claims", "db.example"]


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_debug_value_that_is_not_a_boolean_is_an_error(value: str) -> None:
    result = run_settings({"DEBUG": value, "SECRET_KEY": STRONG_KEY}, "pass")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_allowed_hosts_come_from_the_environment() -> None:
    code = "from django.conf import settings as s; print(s.ALLOWED_HOSTS)"
    env = {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "claims.example.org, api.example.org"}
    result = run_settings(env, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['claims.example.org', 'api.example.org']"


def manage_py_env() -> dict[str, str]:
    """The environment of a fresh shell: none of our settings, not even the test settings."""
    unset = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    return {k: v for k, v in os.environ.items() if k not in unset}


def test_manage_py_without_configuration_runs_in_announced_development_mode() -> None:
    env = manage_py_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "development mode (DEBUG=1)" in result.stderr


def test_manage_py_with_debug_off_still_requires_a_secret_key() -> None:
    env = manage_py_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env={**env, "DEBUG": "0"}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_postgresql_planner_settings_come_from_the_environment() -> None:
    code = "from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS'])"
    base = {"SECRET_KEY": STRONG_KEY, "DATABASE_URL": "postgres://u@db.example:5432/claims"}
    default = run_settings(base, code)
    assert default.returncode == 0, default.stderr
    assert "-c max_parallel_workers_per_gather=0" in default.stdout
    assert "-c random_page_cost=1.1" in default.stdout
    changed = run_settings({**base, "PG_PARALLEL_WORKERS": "2", "PG_RANDOM_PAGE_COST": "4"}, code)
    assert "-c max_parallel_workers_per_gather=2" in changed.stdout
    assert "-c random_page_cost=4.0" in changed.stdout


@pytest.mark.django_db
def test_postgresql_connections_plan_for_the_api_reads() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner settings")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
