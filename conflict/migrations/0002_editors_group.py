from django.db import migrations

from conflict.editors import ensure_editors_group


def create_editors(apps, schema_editor):
    ensure_editors_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("conflict", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors, migrations.RunPython.noop)]
