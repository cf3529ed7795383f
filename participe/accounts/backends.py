"""Log in with e-mail and password, only among the current instance's accounts."""

from django.contrib.auth.backends import ModelBackend

from participe.accounts.models import User
from participe.core.prepared import Prepared
from participe.instances.scoping import current_instance

# Every signed-in request loads its account: the lookup is built once (participe.core.prepared).
_user_by_pk = Prepared(lambda pk: User.objects.filter(pk=pk), "pk")


class InstanceEmailBackend(ModelBackend):
    def authenticate(self, request, email=None, password=None, username=None, **kwargs):
        email = (email or username or "").strip().lower()
        if not email or password is None or current_instance() is None:
            return None
        user = User.objects.filter(email=email).first()
        if user is None:
            User().set_password(password)  # same time spent whether the account exists or not
            return None
        if user.check_password(password) and self.user_can_authenticate(user) and not user.is_banned:
            return user
        return None

    def get_user(self, user_id):
        if current_instance() is None:
            return None
        user = _user_by_pk.first(pk=user_id)
        return user if user and self.user_can_authenticate(user) and not user.is_banned else None

    # Permissions come from rules (participe.permissions), not from Django's permission tables.
    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False
