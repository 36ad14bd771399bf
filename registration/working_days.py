"""The clinic's calendar: which days are working days, for "waiting too long" and claims.

Weekends and Lithuanian public holidays (Easter included, from the `holidays` package)
are days off.
"""

import functools
from datetime import datetime, time, timedelta

from django.utils import timezone

# Saturday and Sunday, as date.weekday() numbers them.
WEEKEND = {5, 6}


@functools.cache
def lithuanian_public_holidays():
    # Imported here, not at start-up: the package costs a process about 20 MiB and a
    # tenth of a second, and only reception's pages and commands count working days.
    import holidays

    return holidays.country_holidays("LT")


def is_day_off(day):
    return day.weekday() in WEEKEND or day in lithuanian_public_holidays()


def one_working_day_before(moment):
    """The moment one working day (24 hours of days that are neither weekend nor
    Lithuanian public holiday) before `moment`.

    Days off do not count: at any time on a weekend, and on Monday at 10:00, the answer
    is the same time on the Friday before (the start of Saturday counts as the end of
    Friday); a public holiday counts as a Saturday would.
    """
    local = timezone.localtime(moment)
    if is_day_off(local.date()):
        first_day_off = local.date()
        while is_day_off(first_day_off - timedelta(days=1)):
            first_day_off -= timedelta(days=1)
        local = datetime.combine(first_day_off, time.min, local.tzinfo)
    earlier = local - timedelta(days=1)
    while is_day_off(earlier.date()):
        earlier -= timedelta(days=1)
    return earlier
