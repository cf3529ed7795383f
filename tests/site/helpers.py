"""Builders of website content for tests; each enters the instance's scope itself."""

from datetime import timedelta

from django.utils import timezone

from participe.accounts.models import ParticipantGroup
from participe.instances.scoping import in_instance
from participe.projects.models import Project, Visibility
from participe.site.models import District, Event, HomeSection, MenuItem, Page, Post, Theme


def square(lon, lat, size=0.02):
    return {
        "type": "Polygon",
        "coordinates": [
            [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
        ],
    }


def make_project(instance, slug, visibility=Visibility.PUBLIC, published=True, groups=(), **fields):
    with in_instance(instance):
        project = Project.objects.create(
            title=fields.pop("title", slug.replace("-", " ").capitalize()),
            slug=slug,
            visibility=visibility,
            is_published=published,
            **fields,
        )
        if groups:
            project.allowed_groups.set(groups)
    return project


def make_group(instance, name, members=()):
    with in_instance(instance):
        group = ParticipantGroup.objects.create(name=name)
        group.members.set(members)
    return group


def make_page(instance, slug, published=True, **fields):
    with in_instance(instance):
        return Page.objects.create(
            slug=slug, title=fields.pop("title", slug.capitalize()), is_published=published, **fields
        )


def make_post(instance, slug, days_ago=1, **fields):
    projects = fields.pop("projects", ())
    themes = fields.pop("themes", ())
    with in_instance(instance):
        post = Post.objects.create(
            slug=slug,
            title=fields.pop("title", slug.capitalize()),
            published_at=timezone.now() - timedelta(days=days_ago),
            **fields,
        )
        post.projects.set(projects)
        post.themes.set(themes)
    return post


def make_event(instance, slug, days=3, **fields):
    themes = fields.pop("themes", ())
    projects = fields.pop("projects", ())
    starts_at = fields.pop("starts_at", timezone.now() + timedelta(days=days))
    with in_instance(instance):
        event = Event.objects.create(
            slug=slug,
            title=fields.pop("title", slug.capitalize()),
            starts_at=starts_at,
            ends_at=fields.pop("ends_at", starts_at + timedelta(hours=2)),
            **fields,
        )
        event.themes.set(themes)
        event.projects.set(projects)
    return event


def make_theme(instance, slug, **fields):
    with in_instance(instance):
        return Theme.objects.create(slug=slug, name=fields.pop("name", slug.capitalize()), **fields)


def make_district(instance, slug, geometry=None, **fields):
    with in_instance(instance):
        return District.objects.create(
            slug=slug, name=fields.pop("name", slug.capitalize()), geometry=geometry, **fields
        )


def make_section(instance, kind, position=0, **fields):
    with in_instance(instance):
        return HomeSection.objects.create(kind=kind, position=position, **fields)


def make_menu_item(instance, label, **fields):
    with in_instance(instance):
        return MenuItem.objects.create(label=label, **fields)
