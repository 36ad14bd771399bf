"""Numbers a visitor types into an address: read strictly, so odd input is simply ignored.

`str.isdigit()` and `int()` accept far more than 0-9 ("²" is a digit to isdigit() but
not to int(); "١٢" is 12 to int()), and a number too large for the database's integer
makes the query fail. Only plain ASCII digits within a 64-bit id count here.
"""

import re

ID_PATTERN = re.compile(r"[0-9]{1,18}")


def object_id(value):
    """The positive id in `value`, or None for anything else."""
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        return None
    return int(value) or None
