from django.conf import settings


def site(request):
    """The site's name (SITE_NAME), for page titles and the header."""
    return {"SITE_NAME": settings.SITE_NAME}
