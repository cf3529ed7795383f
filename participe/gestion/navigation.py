"""The sections of the left-hand navigation; each app of the back office appends its own line."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    permission: str


sections = [
    Section(_("Dashboard"), "gestion:dashboard", "gestion.access"),
    Section(_("Projects"), "gestion:projects", "gestion.view_projects"),
    Section(_("Forms"), "gestion:forms", "gestion.view_projects"),
    Section(_("Moderation"), "moderation:queue", "moderation.moderate"),
]


def sections_for(user):
    return [section for section in sections if user.has_perm(section.permission)]
