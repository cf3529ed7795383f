"""Website content of an instance: pages, home sections, menus, news, agenda, themes and districts."""

from participe.site.models.agenda import Event, Registration
from participe.site.models.blog import Post
from participe.site.models.pages import HomeSection, MenuItem, Page
from participe.site.models.taxonomy import District, Theme

__all__ = ["District", "Event", "HomeSection", "MenuItem", "Page", "Post", "Registration", "Theme"]
