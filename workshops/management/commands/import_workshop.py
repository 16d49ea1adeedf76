import glob
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from workshops.interchange.importing import import_workshop
from workshops.interchange.validation import InvalidWorkshopFile, read, validate


class Command(BaseCommand):
    help = (
        "Imports workshops from files in the IDM interchange format (idm-workshop/1). "
        "Every file is checked first; if any is invalid nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="JSON files, directories of them, or glob patterns")
        parser.add_argument("--user", help="username the history records as the author of the changes")

    def _user(self, username):
        if username is None:
            return None
        try:
            return get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user is called {username!r}; nothing was imported.") from None

    def _files(self, paths):
        files = []
        for given in paths:
            path = Path(given)
            if path.is_dir():
                files.extend(sorted(path.glob("*.json")))
            elif path.exists():
                files.append(path)
            else:
                matches = sorted(glob.glob(given))
                if not matches:
                    raise CommandError(f"{given}: no such file")
                files.extend(Path(match) for match in matches)
        return files

    def handle(self, *args, paths, user=None, **options):
        author = self._user(user)
        files = self._files(paths)
        loaded, failures = [], []
        for path in files:
            try:
                data = read(path)
            except (OSError, UnicodeDecodeError) as error:
                failures.append(f"{path}: cannot be read: {error}")
                continue
            except InvalidWorkshopFile as invalid:
                failures.extend(f"{path}: {problem}" for problem in invalid.problems)
                continue
            problems = validate(data, base_dir=path.parent)
            failures.extend(f"{path}: {problem}" for problem in problems)
            loaded.append((path, data))
        if failures:
            for failure in failures:
                self.stderr.write(failure)
            raise CommandError(f"{len(failures)} problem(s) found; nothing was imported.")

        show_progress = len(loaded) > 1
        with transaction.atomic():
            for number, (path, data) in enumerate(loaded, start=1):
                workshop = import_workshop(data=data, base_dir=path.parent, user=author)
                if show_progress:
                    self.stdout.write(f"[{number}/{len(loaded)}] {path.name}: {workshop.slug}")
        self.stdout.write(self.style.SUCCESS(f"Imported {len(loaded)} workshop file(s)."))
