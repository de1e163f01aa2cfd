"""Editors (Wagtail's "Moderators" group) read and delete shared practices; nobody else does."""

from django.db import migrations

CODENAMES = {"view": "Can view shared practice", "delete": "Can delete shared practice"}


def grant_to_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is None:  # a site that removed the group chooses its own editors
        return
    # Django makes model permissions after migrate; make them now, with the names it would use.
    content_type, _created = ContentType.objects.get_or_create(
        app_label="sharing", model="sharesubmission"
    )
    for action, name in CODENAMES.items():
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_sharesubmission",
            defaults={"name": name},
        )
        moderators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("sharing", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_to_moderators, migrations.RunPython.noop)]
