"""The pages at the root of every instance's site. The namespace keeps the name "core": menu items store
"core:home" in the database."""

from django.urls import path

from participe.core import views as core_views
from participe.site.home import home
from participe.site.styleguide import styleguide

app_name = "core"

urlpatterns = [
    path("", home, name="home"),
    path("theme.css", core_views.theme_css, name="theme_css"),
    path("legal/<slug:page>/", core_views.legal_page, name="legal"),
    path("styleguide/", styleguide, name="styleguide"),
]
