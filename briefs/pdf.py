"""PDF briefs, rendered on the server by WeasyPrint from HTML. Japanese and Arabic need the
system's Noto fonts (Debian: fonts-noto-core, fonts-noto-cjk)."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher

STYLESHEET = "briefs/brief.css"


def brief_stylesheet():
    with open(finders.find(STYLESHEET), encoding="utf-8") as stylesheet:
        return stylesheet.read()


def pdf_response(request, template, context, name):
    """The template rendered as an A4 PDF, offered as `<name>-<date>.pdf`."""
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
    nothing_fetched = URLFetcher(allowed_protocols=())
    document = HTML(string=html, base_url=context["site_url"], url_fetcher=nothing_fetched)
    # PDF/UA: a tagged PDF, with its language, that screen readers can follow.
    response = HttpResponse(
        document.write_pdf(pdf_variant="pdf/ua-1"), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{name}-{today.isoformat()}.pdf"'
    return response
