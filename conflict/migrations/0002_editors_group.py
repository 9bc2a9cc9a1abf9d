"""The ``editors`` group, with every action on the domain models of this migration's time.

Frozen here (conflict/editors.py is the live version, used by issue_token): a model added
later gets its permissions from its own migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = (
    "article",
    "actor",
    "place",
    "incident",
    "incidentparticipant",
    "claim",
    "claimlink",
    "loss",
)
ACTIONS = ("add", "change", "delete", "view")


def create_editors(apps, schema_editor):
    config = apps.get_app_config("conflict")
    if getattr(config, "models_module", None) is None:
        config.models_module = True  # migration registries leave it unset
    # On a fresh database permissions only appear after all migrations: create them now.
    create_permissions(config, apps=apps, verbosity=0)
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="editors")
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="conflict", codename__in=codenames
    )
    missing = set(codenames) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"Permissions missing for the editors group: {sorted(missing)}")
    group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("conflict", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors, migrations.RunPython.noop)]
