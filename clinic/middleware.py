from django.conf import settings


class ExtraSecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set.

    Permissions-Policy turns off browser features the site never uses, and the admin
    is kept out of search engines even if a link to it leaks.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if request.path.startswith(self.admin_prefix):
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
