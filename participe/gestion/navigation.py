"""The sections of the left-hand navigation; each app of the back office appends its own line."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from participe.participation.manifest import modules


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    permission: str


sections = [
    Section(_("Dashboard"), "gestion:dashboard", "gestion.access"),
    Section(_("Projects"), "gestion:projects", "gestion.view_projects"),
    Section(_("Forms"), "gestion:forms", "gestion.view_projects"),
    Section(_("Contributions"), "gestion:contributions", "gestion.view_contributions"),
    Section(_("Moderation"), "gestion:moderation", "moderation.moderate"),
    Section(_("Participants"), "gestion:participants", "gestion.view_participants"),
    Section(_("Exports"), "gestion:jobs", "gestion.view_exports"),
    Section(_("Action log"), "gestion:action_log", "gestion.view_action_log"),
    Section(_("Website"), "gestion:website:index", "gestion.manage_website"),
    Section(_("Look"), "gestion:website:look", "gestion.manage_website"),
    Section(_("Legal pages"), "gestion:website:legal", "gestion.manage_website"),
]


def all_sections():
    from_modules = [Section(*entry) for module in modules for entry in module.gestion_sections]
    return [*sections, *from_modules]


def sections_for(user):
    return [section for section in all_sections() if user.has_perm(section.permission)]
