from django.core.management.base import BaseCommand, CommandError

from idm.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restores a backup made by `backup` into a migrated database: every row, with its primary key, and "
        "every uploaded file; then checks both against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="the folder that `backup` wrote")
        parser.add_argument(
            "--replace", action="store_true", help="overwrite a database that already holds users or workshops"
        )

    def handle(self, *args, folder, replace, **options):
        try:
            manifest = restore_backup(source=folder, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(self.style.SUCCESS(f"Restored {rows} rows and {len(manifest['files'])} files from {folder}."))
