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
