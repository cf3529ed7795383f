"""{% site_menu "main" as items %}: the instance's menu items, read once per request for every menu."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from participe.site.models import MenuItem

register = template.Library()

Target = MenuItem.Target
# Shown until the administrator builds the main menu: built-in pages, each behind its switch.
DEFAULT_MAIN_MENU = [
    (Target.HOME, _("Home"), None),
    (Target.PROJECTS, _("Projects"), None),
    (Target.BLOG, _("News"), "blog"),
    (Target.AGENDA, _("Agenda"), "agenda"),
    (Target.THEMES, _("Themes"), "themes"),
    (Target.SEARCH, _("Search"), "search"),
]


class Link:
    def __init__(self, label, href, view_name=""):
        self.label, self.href, self.view_name = label, href, view_name


def _default_main(instance):
    links = []
    for target, label, feature in DEFAULT_MAIN_MENU:
        if feature and not instance.has_feature(feature):
            continue
        try:
            links.append(Link(label, reverse(target), target))
        except NoReverseMatch:
            continue
    return links


def _menus(request):
    if not hasattr(request, "_website_menus"):
        menus = {MenuItem.Location.MAIN: [], MenuItem.Location.FOOTER: []}
        for item in MenuItem.objects.select_related("page"):
            if item.page_id and not item.page.is_published:
                continue  # a draft page stays out of the menu until it is published
            if item.href:
                menus[item.location].append(Link(item.label, item.href, item.view_name))
        if not menus[MenuItem.Location.MAIN]:
            menus[MenuItem.Location.MAIN] = _default_main(request.instance)
        request._website_menus = menus
    return request._website_menus


@register.simple_tag(takes_context=True)
def site_menu(context, location):
    request = context.get("request")
    if request is None or getattr(request, "instance", None) is None:
        return []
    return _menus(request).get(location, [])
