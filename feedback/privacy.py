"""Readers are asked for no contact details; whatever looks like one is removed from
their comment before it is stored."""

import re

import phonenumbers

from clinic.phone import DEFAULT_REGION

REMOVED = "[…]"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# A run of 7 or more digits, with the spaces, dots, dashes and brackets people put
# between them: a phone number the parser below does not accept as valid still goes.
DIGIT_RUN = re.compile(r"\+?\(?\d(?:[\s().-]*\d){6,}")


def strip_contact_details(text):
    text = EMAIL.sub(REMOVED, text)
    matches = list(
        phonenumbers.PhoneNumberMatcher(
            text, DEFAULT_REGION, leniency=phonenumbers.Leniency.POSSIBLE
        )
    )
    for match in reversed(matches):
        text = text[: match.start] + REMOVED + text[match.end :]
    return DIGIT_RUN.sub(REMOVED, text)
