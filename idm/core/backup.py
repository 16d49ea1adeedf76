"""Backup and restore of the whole site: every row of every table, and every uploaded file.

A backup is a folder: `data.exactjson` (Django's dumpdata of every model, primary keys kept, so that a restore
gives back the same rows), `media/` (a copy of the uploaded files) and `manifest.json` (the row count of each
model and the SHA-256 of each file, checked again after a restore). It moves between SQLite and PostgreSQL.
"""

import datetime
import hashlib
import json
import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.serializers import json as json_serializer
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

FORMAT = "idm-backup/1"
DATA_FORMAT = "exactjson"
DATA_FILE = f"data.{DATA_FORMAT}"


class Serializer(json_serializer.Serializer):
    """Django's JSON with times to the microsecond: Django's own keeps milliseconds, so rows would change."""

    def _value_from_field(self, obj, field):
        value = super()._value_from_field(obj, field)
        return value.isoformat() if isinstance(value, datetime.datetime | datetime.time) else value


Deserializer = json_serializer.Deserializer


def _register_data_format():
    serializers.register_serializer(DATA_FORMAT, __name__)


class BackupError(Exception):
    pass


def backed_up_models():
    """The models whose rows a backup holds: all of them, but proxies (their rows are their concrete model's)."""
    return [model for model in apps.get_models() if model._meta.managed and not model._meta.proxy]


def _file_digests(root):
    root = Path(root)
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _row_counts():
    return {model._meta.label: model._base_manager.count() for model in backed_up_models()}


def create_backup(*, target, database=DEFAULT_DB_ALIAS):
    """Writes a backup of the database and the uploaded files into the folder `target`, which must not exist
    or be empty. Returns the manifest."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; give a new folder for the backup.")
    target.mkdir(parents=True, exist_ok=True)
    _register_data_format()
    connection = connections[database]
    # One snapshot for every table, so that a backup taken while the site runs is consistent. (Only a
    # transaction of our own can choose its isolation; inside another one, that one's snapshot is read.)
    own_snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic(using=database):
        if own_snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        call_command(
            "dumpdata",
            *(model._meta.label for model in backed_up_models()),
            database=database,
            format=DATA_FORMAT,
            use_base_manager=True,
            indent=None,
            output=str(target / DATA_FILE),
            verbosity=0,
        )
        rows = _row_counts()
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        shutil.copytree(media, target / "media")
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "rows": rows,
        "files": _file_digests(target / "media"),
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    return manifest


def _read_manifest(source):
    try:
        manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} is not a backup: {error}") from None
    if manifest.get("format") != FORMAT or not (source / DATA_FILE).is_file():
        raise BackupError(f"{source} is not a backup in the {FORMAT} format.")
    return manifest


def _holds_data():
    """Users, or any row of the secretariat's apps: what a restore would overwrite."""
    from django.contrib.auth.models import User

    from .secretariat import SECRETARIAT_APPS

    return User.objects.exists() or any(
        model._default_manager.exists()
        for label in SECRETARIAT_APPS
        for model in apps.get_app_config(label).get_models()
    )


def restore_backup(*, source, replace=False, database=DEFAULT_DB_ALIAS):
    """Replaces the database's rows and the uploaded files with those of a backup, then checks both against
    the backup's manifest. The database must have been migrated to the same migrations as the backup's.
    Refuses to overwrite a database that holds users or workshops unless `replace` is true."""
    source = Path(source)
    manifest = _read_manifest(source)
    if _holds_data() and not replace:
        raise BackupError("The database already holds users or workshops; restore with --replace to overwrite them.")
    _register_data_format()
    with transaction.atomic(using=database):
        # Empty every table, those that migrate fills too (content types, permissions, the secretariat groups):
        # the backup holds their rows with their own primary keys, which the other rows point to.
        call_command("flush", database=database, interactive=False, inhibit_post_migrate=True, verbosity=0)
        ContentType.objects.clear_cache()
        call_command("loaddata", str(source / DATA_FILE), database=database, verbosity=0)
        if _row_counts() != manifest["rows"]:
            raise BackupError("The restored rows do not match the backup's manifest; nothing was restored.")
    ContentType.objects.clear_cache()
    media = Path(settings.MEDIA_ROOT)
    if (source / "media").is_dir():
        shutil.copytree(source / "media", media, dirs_exist_ok=True)
    restored = _file_digests(media)
    missing = [name for name, digest in manifest["files"].items() if restored.get(name) != digest]
    if missing:
        raise BackupError(f"These files did not come back intact: {', '.join(missing)}")
    return manifest
