"""Site-wide views: error pages and, on one machine, the uploaded media."""

from django.conf import settings
from django.http import HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.views.static import serve

MEDIA_MAX_AGE = 24 * 60 * 60


def api_not_found(request):
    """An address under /api/ that is no endpoint: JSON, like every other API answer."""
    return JsonResponse({"error": {"field": "path", "message": "no such endpoint"}}, status=404)


def server_error(request):
    """The 500 page, rendered without the database or the request's context processors."""
    return HttpResponseServerError(render_to_string("500.html", {"SITE_NAME": settings.SITE_NAME}))


def serve_media(request, path):
    """Uploaded images and their renditions, where no other server serves MEDIA_ROOT."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    return response
