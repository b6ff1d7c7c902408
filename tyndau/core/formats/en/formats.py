"""English (CLDR en): «December 7, 2025», «12/7/2025», «2:05 PM», «1,234.5».

Django's en formats abbreviate months with a full stop («Dec. 7, 2025») and write «p.m.»;
CLDR's long date spells the month out and its time says «PM».
"""

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "g:i\u202fA"
DATETIME_FORMAT = "F j, Y, g:i\u202fA"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
SHORT_DATE_FORMAT = "n/j/Y"
SHORT_DATETIME_FORMAT = "n/j/Y, g:i\u202fA"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"]
