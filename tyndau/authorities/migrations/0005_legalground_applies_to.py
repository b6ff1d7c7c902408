"""Each legal ground says which decisions it may be cited for (`applies_to`), so that a form offers only
the grounds of the decision being taken; the shipped values are loaded from the reference data."""

from django.db import migrations, models


def reload_reference_data(apps, schema_editor):
    from tyndau.authorities.reference_data import load

    load(apps, overwrite=True)


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0004_reference_data_refresh"),
    ]

    operations = [
        migrations.AddField(
            model_name="legalground",
            name="applies_to",
            field=models.JSONField(blank=True, default=list, verbose_name="applies to"),
        ),
        migrations.RunPython(reload_reference_data, migrations.RunPython.noop, elidable=True),
    ]
