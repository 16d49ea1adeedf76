"""The migrations on main describe the models on main."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_left_without_its_migration():
    # Exits with an error naming the app when a change has no migration yet.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
