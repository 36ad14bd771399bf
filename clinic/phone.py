"""Phone numbers as patients type them, stored the one way reception can search and dial.

Lithuanian numbers are accepted in every usual form (860226118, 8 602 26118,
+370 602 26118); foreign ones need their + country code.
"""

import phonenumbers

DEFAULT_REGION = "LT"


def to_e164(text):
    """The number in E.164 form (+37060226118), or None if it is not a valid number."""
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_for_people(e164):
    """+37060226118 as +370 602 26118; anything unparsable as it is."""
    try:
        number = phonenumbers.parse(e164, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
