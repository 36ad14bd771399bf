"""Appointment requests as a CSV file a spreadsheet opens safely.

Used by reception's "Export selected" action and by a patient's own data export.
"""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# The list separator of a Lithuanian (and most European) spreadsheet: with it, Excel and
# LibreOffice in Lithuanian split the columns when the file is opened with a double click.
DELIMITER = ";"

# Fields shown through their choice's label rather than the stored code.
CHOICE_FIELDS = {"status", "preferred_time", "language"}


def spreadsheet_safe(value):
    """The value as text a spreadsheet shows as it is, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def columns():
    """(field, column title) in the file's order; titles in the active language."""
    return [
        ("pk", gettext("number")),
        ("created_at", gettext("received")),
        ("status", gettext("status")),
        ("name", gettext("patient's name")),
        ("phone", gettext("phone")),
        ("email", gettext("e-mail")),
        ("preferred_time", gettext("preferred time to be called")),
        ("language", gettext("language")),
        ("topic", gettext("what it is about")),
        ("message", gettext("message")),
        ("staff_notes", gettext("staff notes")),
        ("handled_by", gettext("handled by")),
        ("handled_at", gettext("handled at")),
    ]


def cell(appointment_request, field):
    value = getattr(appointment_request, field)
    if field in CHOICE_FIELDS:
        value = getattr(appointment_request, f"get_{field}_display")()
    elif hasattr(value, "strftime"):
        value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return spreadsheet_safe(value)


def csv_response(queryset, filename_prefix="appointment-requests"):
    """A download of the requests in `queryset`, oldest first."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{filename_prefix}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The byte-order mark makes Excel read the file as UTF-8 (Lithuanian letters).
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=DELIMITER)
    fields = columns()
    writer.writerow([spreadsheet_safe(title) for _field, title in fields])
    for appointment_request in queryset.select_related("handled_by").order_by("created_at"):
        writer.writerow([cell(appointment_request, field) for field, _title in fields])
    return response
