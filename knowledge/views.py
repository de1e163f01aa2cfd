"""Site-wide views: error pages, robots.txt and, on one machine, the uploaded media."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
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


def robots_txt(request):
    """Crawlers may read the public site, not the admin, the API's internals or the files made on
    request (downloads, PDF briefs, comparisons: each costs the server work); the sitemap lists
    every page in each of its languages."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "Disallow: /*/compare/",
        "Disallow: /*/search/results.",
        "Disallow: /*/brief.pdf",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: the site's icon is an SVG."""
    return HttpResponseRedirect(static("favicon.svg"))
