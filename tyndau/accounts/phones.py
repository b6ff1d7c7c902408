"""Kazakhstan phone numbers, normalised to +7XXXXXXXXXX.

Kazakhstan shares country code +7 with Russia; its numbers start with +7 6 or +7 7
(mobile 70x/74x/77x, landline 7xx area codes). People type them as 8 7xx…, 7 7xx…,
+7 (7xx) xxx-xx-xx; all become +77xxxxxxxxx.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s\-().]")


def normalise_kz_phone(value: str) -> str:
    raw = _SEPARATORS.sub("", value or "")
    if not raw:
        return ""
    digits = raw[1:] if raw.startswith("+") else raw
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(_("Enter the phone number with digits only, for example +7 701 234 56 78."), code="phone")
    if len(digits) == 10:  # 701 234 56 78 without the country code
        digits = "7" + digits
    if len(digits) == 11 and digits[0] == "8" and not raw.startswith("+"):
        digits = "7" + digits[1:]  # domestic trunk prefix 8
    if len(digits) != 11 or digits[0] != "7":
        raise ValidationError(
            _("Enter a Kazakhstan phone number: +7 and 10 digits, for example +7 701 234 56 78."), code="phone"
        )
    if digits[1] not in "67":
        raise ValidationError(
            _("This is not a Kazakhstan number: after +7 it must continue with 6 or 7."), code="phone_country"
        )
    return "+" + digits
