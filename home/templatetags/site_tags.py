from urllib.parse import urlencode

from django import template
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from wagtail.models import Site

from casestudies import languages
from casestudies.countries import country_name

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in every language: the switcher and the hreflang alternates."""
    request = context["request"]
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    versions = []
    for code, name in languages.LANGUAGE_CHOICES:
        path = translate_url(request.path, code)
        url = f"{path}?{query}" if query else path
        versions.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url),
                "is_current": code == current,
                "bidi": languages.is_bidi(code),
            }
        )
    return versions


@register.simple_tag
def search_url(parameter=None, value=None, **params):
    """A link to the search page of the current language, filtered by these parameters:
    `{% search_url country="DE" %}`, or by a parameter named in a variable:
    `{% search_url vocabulary.name term.slug %}`."""
    if parameter:
        params[parameter] = value
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return reverse("search") + (f"?{query}" if query else "")


@register.filter
def in_language(path, language):
    return translate_url(path, language)


@register.filter
def country(code):
    return country_name(code) if code else ""


register.filter("language_name", languages.language_name)  # in running text
register.filter("language_label", languages.language_label)  # as a list or menu item
register.filter("language_bidi", languages.is_bidi)


@register.inclusion_tag("home/includes/menu.html", takes_context=True)
def site_menu(context, css_class):
    """The home page's children marked 'show in menus', in tree order."""
    request = context["request"]
    site = Site.find_for_request(request)
    pages = list(site.root_page.get_children().live().public().in_menu()) if site else []
    current = context.get("page")
    for item in pages:
        item.is_current_section = bool(current) and current.path.startswith(item.path)
    return {"pages": pages, "request": request, "css_class": css_class}
