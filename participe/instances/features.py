"""Switches an instance administrator turns on and off. Modules add theirs with `register_feature`."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Feature:
    name: str
    label: str
    default: bool


FEATURES: dict[str, Feature] = {}


def register_feature(name, label, default=True):
    FEATURES[name] = Feature(name, label, default)


for _name, _label, _default in [
    ("blog", _("Blog"), True),
    ("agenda", _("Agenda of events"), True),
    ("maps", _("Maps"), True),
    ("districts", _("Districts"), True),
    ("themes", _("Themes"), True),
    ("comments", _("Comments"), True),
    ("comments_premoderation", _("Moderate comments before publication"), False),
    ("reporting", _("Reporting of content"), True),
    ("search", _("Search"), True),
    ("public_api", _("Public API"), True),
    ("open_data", _("Open data exports"), True),
    ("newsletter", _("Newsletter"), False),
]:
    register_feature(_name, _label, _default)
