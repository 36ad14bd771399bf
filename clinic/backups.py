"""Backing up the database while the site runs, and restoring a backup.

SQLite is copied with its online backup API: a consistent snapshot, taken while the
site keeps reading and writing. PostgreSQL is dumped with pg_dump in its custom format
and restored with pg_restore in one transaction, so a failed restore changes nothing.
The PostgreSQL tools get the connection through PG* environment variables, never on
the command line, where other users could read the password.
"""

import os
import sqlite3
import subprocess
from contextlib import closing

from django.db import connection

from clinic import page_cache


class BackupError(Exception):
    pass


def backup(destination):
    """Write a backup of the default database to `destination` (a file path)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(destination)) as target:
            connection.connection.backup(target)
            # One self-contained file, without the live database's write-ahead log.
            target.execute("PRAGMA journal_mode=DELETE")
    elif connection.vendor == "postgresql":
        _run_postgres_tool("pg_dump", "--format=custom", "--no-owner", f"--file={destination}")
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def restore(source):
    """Replace the default database's content with the backup in `source`."""
    if connection.vendor == "sqlite":
        _check_sqlite_backup(source)
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_file:
            backup_file.backup(connection.connection)
    elif connection.vendor == "postgresql":
        _run_postgres_tool(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        )
    else:
        raise BackupError(f"Restoring {connection.vendor} databases is not supported.")
    # Every page kept in a cache shows the content from before.
    page_cache.invalidate()


def _check_sqlite_backup(source):
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_file:
            tables = backup_file.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchall()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} is not an SQLite database ({error}).") from error
    if not tables:
        raise BackupError(f"{source} is not a backup of this site: it has no Django tables.")


def _run_postgres_tool(program, *arguments):
    settings = connection.settings_dict
    env = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if settings.get(key):
            env[variable] = str(settings[key])
    result = subprocess.run([program, *arguments], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
