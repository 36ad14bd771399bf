from clinic.models import ClinicDetails


def clinic(request):
    """The clinic's details for the header, footer and contact block of every page."""
    return {"clinic": ClinicDetails.objects.current()}
