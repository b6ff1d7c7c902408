"""Russian (CLDR ru): «7 декабря 2025 г.», «07.12.2025», 24-hour time, «1 234,5».

Django's own ru formats are CLDR's already; this module changes only what the portal needs:
the date-time joins date and time with a comma, hours have two digits and U+202F precedes «г.»,
as in CLDR; ISO comes first among the input formats (every date field is an <input type="date">,
which sends and shows ISO dates).
"""

DATE_FORMAT = "j E Y\u202fг."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y\u202fг., H:i"
YEAR_MONTH_FORMAT = "F Y\u202fг."
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M"]
