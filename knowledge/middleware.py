from django.middleware.locale import LocaleMiddleware


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, which sends a missing page without a language prefix to the
    same address under one (/about/ to /en/about/). Addresses outside the translated site are
    left alone: an unknown API endpoint or media file stays a 404, not a redirect to a page."""

    UNTRANSLATED = ("/api/", "/media/", "/static/", "/documents/", "/admin/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNTRANSLATED):
            return response
        return super().process_response(request, response)
