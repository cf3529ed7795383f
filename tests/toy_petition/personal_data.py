from tests.toy_petition.models import Petition


def petitions_of(user):
    return list(Petition.objects.filter(author=user).order_by("pk").values("id", "title", "status", "created_at"))
