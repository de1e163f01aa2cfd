"""Security policy that spans the whole site: the Content-Security-Policy of public pages and of
the admin, and the client address the login lock-out counts by."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.shortcuts import render

ADMIN_PREFIX = "/admin/"

# Wagtail's admin still writes some inline styles and scripts (its editors, choosers and
# previews), so its policy allows inline code but nothing from another origin.
ADMIN_POLICY = {
    **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The public policy from settings everywhere but the admin, which gets ADMIN_POLICY."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            return PolicyParts(ADMIN_POLICY, parts.update, parts.replace, nonce=None)
        return parts


def client_address(request):
    """The client's address, where CLIENT_ADDRESS_HEADER says the proxy puts it."""
    return request.META.get(settings.CLIENT_ADDRESS_HEADER)


def lockout_response(request, original_response, credentials):
    """The page a locked-out login gets, in the reader's language (HTTP 429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "lockout.html", {"minutes": minutes}, status=429)
