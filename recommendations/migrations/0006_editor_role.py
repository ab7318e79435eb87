"""The "Ministrijas redaktors" group: exactly what a ministry editor needs.

Content (visits and everything on them, recommendations and actions), spreadsheet
import and export, moderation of comments, and invitations. Not: users, groups,
permissions, account emails or second factors (superusers manage those), and not the
deletion of an expert (erasure is a superuser's act).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Ministrijas redaktors"

EDITOR_PERMISSIONS = {
    "visits": [
        "add_municipality", "change_municipality", "view_municipality",
        "import_municipality", "export_municipality",
        "add_visit", "change_visit", "delete_visit", "view_visit",
        "import_visit", "export_visit",
        "add_agendaitem", "change_agendaitem", "delete_agendaitem", "view_agendaitem",
        "import_agendaitem", "export_agendaitem",
        "add_goodpractice", "change_goodpractice", "delete_goodpractice", "view_goodpractice",
        "import_goodpractice", "export_goodpractice",
        "add_participation", "change_participation", "delete_participation",
        "view_participation", "import_participation", "export_participation",
        "add_attachment", "change_attachment", "delete_attachment", "view_attachment",
        "change_comment", "view_comment",
    ],
    "experts": [
        "add_expertprofile", "change_expertprofile", "view_expertprofile",
        "import_expertprofile", "export_expertprofile",
        "add_invitation", "change_invitation", "view_invitation",
    ],
    "recommendations": [
        "add_recommendation", "change_recommendation", "view_recommendation",
        "import_recommendation", "export_recommendation",
        "add_followupaction", "change_followupaction", "delete_followupaction",
        "view_followupaction", "import_followupaction", "export_followupaction",
        "add_actionupdate", "change_actionupdate", "view_actionupdate",
        "change_actioncomment", "view_actioncomment",
    ],
}  # fmt: skip


def create_editor_group(apps, schema_editor):
    # Permissions are normally created after migrate; the group needs them now.
    for label in EDITOR_PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # a migration's app config is a stub without one
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    permissions = [
        Permission.objects.get(content_type__app_label=label, codename=codename)
        for label, codenames in EDITOR_PERMISSIONS.items()
        for codename in codenames
    ]
    group.permissions.set(permissions)


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("experts", "0003_spreadsheet_permissions"),
        ("visits", "0007_spreadsheet_permissions"),
        ("recommendations", "0005_spreadsheet_permissions"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
