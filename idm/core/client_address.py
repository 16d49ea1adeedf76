"""The visitor's address, as the registration rate limit and the sign-in lockout count it."""

import ipaddress

from django.conf import settings


def client_address(request):
    """The visitor's address: behind the proxy, the last entry of the header it appends to; else REMOTE_ADDR."""
    # Behind a reverse proxy, REMOTE_ADDR is the proxy's own address for every visitor; only the proxy's own
    # (last) entry of CLIENT_ADDRESS_HEADER is trusted, since the visitor can write anything before it. An
    # address that cannot be read counts as one shared unknown visitor rather than failing the request.
    header = settings.CLIENT_ADDRESS_HEADER or "REMOTE_ADDR"
    address = request.META.get(header, "").rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "0.0.0.0"
