from django.db import migrations

EDITORS = "Secretariat editors"
VIEWERS = "Secretariat viewers"


def create_groups(apps, schema_editor):
    # Permissions are attached after migrate by idm.core.secretariat.sync_secretariat_groups,
    # because they only exist once every app's post_migrate has run.
    Group = apps.get_model("auth", "Group")
    for name in (EDITORS, VIEWERS):
        Group.objects.get_or_create(name=name)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=(EDITORS, VIEWERS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
