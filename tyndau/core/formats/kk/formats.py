"""Kazakh (CLDR kk): «2025 ж. 7 желтоқсан», «07.12.2025», 24-hour time, «1 234,5».

CLDR's long date is year first (y 'ж'. d MMMM), as in official Kazakh «2025 жылғы 7 желтоқсан».
The short date keeps four year digits (CLDR: dd.MM.yy): a record's date must not be ambiguous.
U+202F (narrow no-break space) is CLDR's between the year and «ж.»; U+00A0 groups thousands.
"""

DATE_FORMAT = "Y\u202fж. j E"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y\u202fж. j E, H:i"
YEAR_MONTH_FORMAT = "Y\u202fж. F"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
# ISO first: every date field of the portal is an <input type="date">, which sends and shows ISO dates.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
