from django.utils.functional import SimpleLazyObject

from clinic.models import ClinicDetails


def clinic(request):
    """The clinic's details for the header, footer and contact block of every page.

    Read when a template first uses them, so the admin's pages, which never do, skip
    the query."""
    return {"clinic": SimpleLazyObject(ClinicDetails.objects.current)}
