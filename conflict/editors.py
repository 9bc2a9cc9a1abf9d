"""The ``editors`` group: the people allowed to change the record.

Used by ``issue_token`` and the tests (:func:`ensure_editors_group`, idempotent); migration
0002 carries a frozen copy, so every database has the group. A domain model added later is
listed here and given to the group by its own migration.
"""

from typing import Any

EDITORS_GROUP = "editors"
# Every domain model; the history tables are read through these models' permissions.
DOMAIN_MODELS = (
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


def ensure_editors_group(apps: Any) -> Any:
    """Create the group if missing and give it every action on every domain model.

    ``apps`` is the migration's app registry or ``django.apps.apps``. Permissions are
    created here when missing: on a fresh database they only appear after all migrations.
    """
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("conflict")
    if getattr(config, "models_module", None) is None:
        config.models_module = True  # migration registries leave it unset
    create_permissions(config, apps=apps, verbosity=0)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=EDITORS_GROUP)
    codenames = [f"{action}_{model}" for model in DOMAIN_MODELS for action in ACTIONS]
    permissions = permission_model.objects.filter(
        content_type__app_label="conflict", codename__in=codenames
    )
    missing = set(codenames) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise RuntimeError(f"Permissions missing for the editors group: {sorted(missing)}")
    group.permissions.add(*permissions)
    return group
