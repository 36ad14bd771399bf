import ipaddress

from django.conf import settings


def client_address(request):
    """The visitor's address: REMOTE_ADDR, or the one the outermost of PROXY_COUNT
    trusted proxies saw (the last entries of X-Forwarded-For are theirs to write;
    anything before them the client could have made up).

    Used by the form's rate limit and the admin's login lockout alike, so both see the
    patient's or attacker's address, not the proxy's.
    """
    proxies = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= proxies and is_address(hops[-proxies]):
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def is_address(text):
    """Only a real address is used: the login lockout stores it in an address column,
    which PostgreSQL refuses to fill with anything else."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


# Django's user names are at most 150 characters; the login form does not enforce it
# before it authenticates, and django-axes stores what was typed in a 255-character
# column, which PostgreSQL refuses to overflow.
USERNAME_MAX_LENGTH = 150


def login_username(request, credentials=None):
    """The user name of a login attempt, as django-axes records it (AXES_USERNAME_CALLABLE):
    what was typed, cut to the longest user name there can be."""
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username")
    return username[:USERNAME_MAX_LENGTH] if isinstance(username, str) else username
