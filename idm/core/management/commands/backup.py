from django.core.management.base import BaseCommand, CommandError

from idm.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Backs up every row of the database and every uploaded file into a new folder "
        "(data.json, media/, manifest.json); `restore` puts them back."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder that does not exist yet, or is empty")

    def handle(self, *args, folder, **options):
        try:
            manifest = create_backup(target=folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(self.style.SUCCESS(f"Backed up {rows} rows and {len(manifest['files'])} files to {folder}."))
