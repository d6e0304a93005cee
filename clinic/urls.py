from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from caching import route_cache
from clinic import views
from clinic.sitemaps import BilingualSitemap

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": BilingualSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.SERVE_MEDIA:
    # django.conf.urls.static.static() does nothing with DEBUG off, which `make serve` needs.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}(?P<path>.*)$",
            serve_file,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail's own URLs, with its page-serving view replaced by the same view routing through the
# route cache (caching/route_cache.py).
# What visitors read is in English at its plain URLs and in Spanish under /es/.
wagtail_util_urls = [url for url in wagtail_urls.urlpatterns if url.name != "wagtail_serve"]
urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include(wagtail_util_urls)),
    re_path(wagtail_urls.serve_pattern, route_cache.serve, name="wagtail_serve"),
    prefix_default_language=False,
)

handler404 = "clinic.views.page_not_found"
handler500 = "clinic.views.server_error"
