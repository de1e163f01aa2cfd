from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search.api import api

from . import views
from .sitemap import PagesInTheirLanguages

handler500 = views.server_error

urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/", views.api_not_found),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PagesInTheirLanguages}}),
    path("robots.txt", views.robots_txt),
    path("favicon.ico", views.favicon),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", views.serve_media))

urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include("sharing.urls")),
    path("", include("briefs.urls")),
    path("", include("atlas.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
