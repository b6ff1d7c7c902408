# An IIN is held on a petition only by a pending or confirmed signature (issue 10.2): an invalidated
# signature frees it, and a lapsed pending one is deleted before a new one is inserted. The unique
# index becomes partial (PostgreSQL and SQLite both support it); the signing INSERT's
# `ON CONFLICT DO NOTHING` names no target, so it uses this index as its arbiter.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0002_signature_surge_indexes"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="signature",
            name="uniq_signature_iin",
        ),
        migrations.AddConstraint(
            model_name="signature",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ("pending", "confirmed"))),
                fields=("petition", "iin_hash"),
                name="uniq_signature_iin_held",
            ),
        ),
    ]
