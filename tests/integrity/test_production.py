"""Production settings: the deploy checks pass, weak secrets are refused, SQLite waits."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
KEY = "production-like-key-for-the-deploy-check-4f0b8e2a9c6d1e7f3a5b"
PRODUCTION = {
    "SECRET_KEY": KEY,
    "ALLOWED_HOSTS": "claims.example.org",
    "DATABASE_URL": "postgres://claims@db.example:5432/claims",
}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}
        and not k.startswith(("SECURE_", "DJANGO_"))
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "conflict.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")


def test_the_deploy_check_passes_with_production_settings():
    result = check_deploy(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_with_debug_on():
    result = check_deploy({**PRODUCTION, "DEBUG": "1"})
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG in deployment


def test_behind_a_proxy_the_forwarded_protocol_is_trusted_when_configured():
    code = "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER)"
    result = run(
        {**PRODUCTION, "SECURE_PROXY_SSL_HEADER": "1"},
        "-c",
        f"import django; django.setup(); {code}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_a_weak_secret_key_is_refused():
    result = run({**PRODUCTION, "SECRET_KEY": "secret"}, "manage.py", "check")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode');"
        "mode = c.fetchone()[0]; c.execute('PRAGMA busy_timeout');"
        "print(mode, c.fetchone()[0])"
    )
    result = run({"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "20000"]
