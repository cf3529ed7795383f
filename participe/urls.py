from django.urls import include, path, re_path

from participe.backoffice.sites import backoffice_site, platform_site
from participe.core import views as core_views
from participe.core.app_urls import app_urlpatterns
from participe.translations import views as translations_views

handler400 = "participe.core.views.bad_request"
handler403 = "participe.core.views.permission_denied"
handler404 = "participe.core.views.page_not_found"
handler500 = "participe.core.views.server_error"

urlpatterns = [
    path("accounts/", include("participe.accounts.urls")),
    path("admin/", backoffice_site.urls),
    path("platform/", platform_site.urls),
    # Before Django's own: limited to the instance's languages, kept on the account (participe/translations).
    path("i18n/setlang/", translations_views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    re_path(r"^media/(?P<path>.+)$", core_views.media, name="media"),
    path("", include("participe.site.root_urls")),
    *app_urlpatterns(),
]
