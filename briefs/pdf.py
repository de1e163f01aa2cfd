"""PDF briefs, rendered on the server by WeasyPrint from HTML. WeasyPrint needs Pango, and
Japanese and Arabic need the system's Noto fonts (Debian: libpango-1.0-0, fonts-noto-core,
fonts-noto-cjk). Without Pango the site runs on and the briefs answer 503."""

import logging
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

STYLESHEET = "briefs/brief.css"

logger = logging.getLogger(__name__)


@cache
def weasyprint():
    """The weasyprint module, or None where the system libraries it loads are missing."""
    try:
        import weasyprint
    except OSError as error:
        logger.error("PDF briefs are off: WeasyPrint cannot load Pango: %s", error)
        return None
    return weasyprint


def pdf_briefs_check(app_configs, **kwargs):
    if weasyprint():
        return []
    hint = "apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-noto-cjk"
    return [checks.Warning("PDF briefs are off: WeasyPrint cannot load Pango.", hint=hint)]


def brief_stylesheet():
    with open(finders.find(STYLESHEET), encoding="utf-8") as stylesheet:
        return stylesheet.read()


def pdf_response(request, template, context, name):
    """The template rendered as an A4 PDF, offered as `<name>-<date>.pdf`."""
    library = weasyprint()
    if library is None:
        message = _("PDF briefs are not available on this server at the moment.")
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    today = timezone.localdate()
    context = {
        **context,
        "site_name": settings.SITE_NAME,
        "site_url": request.build_absolute_uri("/").rstrip("/"),
        "generated": today,
        "stylesheet": brief_stylesheet(),
    }
    html = render_to_string(template, context, request=request)
    # Made from its HTML alone: an address in rich text must not make the server fetch it.
    nothing_fetched = library.urls.URLFetcher(allowed_protocols=())
    document = library.HTML(string=html, base_url=context["site_url"], url_fetcher=nothing_fetched)
    # PDF/UA: a tagged PDF, with its language, that screen readers can follow.
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}-{today.isoformat()}.pdf"'
    return response
