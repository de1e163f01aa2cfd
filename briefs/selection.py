"""The case studies a reader has picked to compare: two to four, kept in a cookie so that the
selection survives navigation without an account."""

from urllib.parse import quote, unquote

from django.conf import settings

COOKIE = "comparison"
MAX_COMPARED = 4
COOKIE_AGE = 60 * 60 * 24 * 90  # three months


def selected_slugs(request):
    """The selected case studies' slugs, in the order they were picked."""
    slugs = unquote(request.COOKIES.get(COOKIE, "")).split("/")
    return list(dict.fromkeys(slug for slug in slugs if slug))[:MAX_COMPARED]


def remember_selection(response, slugs):
    if slugs:
        response.set_cookie(
            COOKIE,
            quote("/".join(slugs)),
            max_age=COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")


def comparison(request):
    """Templates' `comparison`: the selected slugs, for the compare buttons and the tray."""
    return {"comparison": {"slugs": selected_slugs(request), "limit": MAX_COMPARED}}
