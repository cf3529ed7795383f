import pytest

from participe.comments.models import Comment
from participe.instances.scoping import in_instance
from participe.projects.models import Project


def comment_on_new_project(author, slug, body):
    project = Project.objects.create(title=f"Projet {slug}", slug=slug, is_published=True)
    return Comment.objects.create(target=project, author=author, body=body)


@pytest.fixture
def comment_a(scope_a, participant_a):
    return comment_on_new_project(participant_a, "parc", "Planter des arbres partout, idiots.")


@pytest.fixture
def comment_b(instance_b, participant_b):
    with in_instance(instance_b):
        return comment_on_new_project(participant_b, "b", "Texte B")
