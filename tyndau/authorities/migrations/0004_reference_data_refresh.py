"""Reapply the reference data after corrections (official Kazakh form of ministry names,
Astana population). Idempotent; see tyndau/authorities/reference_data/."""

from django.db import migrations


def reload_reference_data(apps, schema_editor):
    from tyndau.authorities.reference_data import load

    load(apps, overwrite=True)


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0003_reference_data"),
    ]

    operations = [
        migrations.RunPython(reload_reference_data, migrations.RunPython.noop, elidable=True),
    ]
