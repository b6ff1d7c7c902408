"""Load the shipped reference data (regions, bodies, categories, competence, legal grounds).

Idempotent: update_or_create by natural keys, see tyndau/authorities/reference_data/.
Reversing leaves the rows in place (other apps' rows point at them).
"""

from django.db import migrations


def load_reference_data(apps, schema_editor):
    from tyndau.authorities.reference_data import load

    load(apps, overwrite=True)


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0002_body_population_source"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop, elidable=False),
    ]
