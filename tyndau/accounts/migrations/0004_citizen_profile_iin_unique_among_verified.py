"""An IIN is unique among verified holders only (issue 10.19): unverified accounts may claim the same IIN,
identity verification settles who holds it. Profiles already verified keep their IIN, marked verified."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

DEMO_LEVEL = 20  # VerificationLevel.DEMO: the lowest level that vouches for an IIN


def mark_verified_holders(apps, schema_editor):
    CitizenProfile = apps.get_model("accounts", "CitizenProfile")
    IdentityVerification = apps.get_model("accounts", "IdentityVerification")
    first_verified = (
        IdentityVerification.objects.filter(
            user_id=OuterRef("user_id"), iin_hash=OuterRef("iin_hash"), revoked_at__isnull=True, level__gte=DEMO_LEVEL
        )
        .order_by("verified_at")
        .values("verified_at")[:1]
    )
    CitizenProfile.objects.exclude(iin_hash=None).exclude(iin_hash="").update(iin_verified_at=Subquery(first_verified))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_roles_observer_places_editor"),
    ]

    operations = [
        migrations.AddField(
            model_name="citizenprofile",
            name="iin_verified_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="citizenprofile",
            name="iin_hash",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(mark_verified_holders, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="citizenprofile",
            constraint=models.UniqueConstraint(
                condition=models.Q(("iin_verified_at__isnull", False)), fields=("iin_hash",), name="uniq_verified_iin"
            ),
        ),
    ]
