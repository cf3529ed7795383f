"""Accounts belong to one instance: the same e-mail on two instances is two accounts."""

import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import _user_get_permissions, _user_has_module_perms, _user_has_perm
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participe.core.storage import RandomName, public_storage
from participe.instances.scoping import InstanceOwned, scoped_manager


class UserManager(BaseUserManager):
    use_in_migrations = False

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(InstanceOwned, AbstractBaseUser):
    email = models.EmailField(_("e-mail address"), max_length=254)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    pending_email = models.EmailField(_("new e-mail awaiting confirmation"), blank=True)
    display_name = models.CharField(_("display name"), max_length=80)
    avatar = models.ImageField(_("avatar"), upload_to=RandomName("avatars"), storage=public_storage, blank=True)
    bio = models.CharField(_("short biography"), max_length=500, blank=True)
    user_type = models.CharField(_("I am"), max_length=60, blank=True)
    zip_code = models.CharField(_("zip code"), max_length=10, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    # The language last chosen with the site's switch, applied at each login (participe/translations).
    language = models.CharField(_("language"), max_length=8, blank=True, default="")

    is_active = models.BooleanField(_("active"), default=True)
    is_superuser = models.BooleanField(
        _("platform administrator"), default=False, help_text=_("Manages every instance of the deployment.")
    )
    is_instance_admin = models.BooleanField(_("instance administrator"), default=False)
    is_moderator = models.BooleanField(_("moderator"), default=False)
    is_analyst = models.BooleanField(_("analyst"), default=False)
    is_mediator = models.BooleanField(_("mediator"), default=False)
    is_banned = models.BooleanField(_("banned"), default=False)

    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    objects = scoped_manager(UserManager)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["display_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["instance", "email"], name="one_account_per_email_per_instance")]

    def __str__(self):
        return self.public_name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def public_name(self):
        if self.deleted_at:
            return str(_("Deleted participant"))
        return self.display_name or str(_("Participant"))

    @property
    def email_confirmed(self):
        return self.email_confirmed_at is not None

    # Roles ---------------------------------------------------------------
    @property
    def is_staff(self):
        """The Django admin's word for 'may open the back office'."""
        return self.is_active and (self.is_superuser or self.is_instance_admin or self.is_moderator or self.is_analyst)

    def role_names(self):
        roles = [
            (self.is_superuser, _("platform administrator")),
            (self.is_instance_admin, _("instance administrator")),
            (self.is_moderator, _("moderator")),
            (self.is_analyst, _("analyst")),
            (self.is_mediator, _("mediator")),
        ]
        return [str(label) for held, label in roles if held] or [str(_("participant"))]

    # Permissions, answered by the backends (rules) ------------------------
    def get_all_permissions(self, obj=None):
        return _user_get_permissions(self, obj, "all")

    def has_perm(self, perm, obj=None):
        return self.is_active and _user_has_perm(self, perm, obj)

    def has_perms(self, perm_list, obj=None):
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label):
        return self.is_active and _user_has_module_perms(self, app_label)

    # GDPR ------------------------------------------------------------------
    def anonymise(self):
        """Delete the person, keep their contributions signed 'deleted participant'."""
        self.email = f"deleted-{uuid.uuid4().hex}@invalid.participe"
        self.pending_email = ""
        self.display_name = ""
        self.bio = ""
        self.user_type = ""
        self.zip_code = ""
        self.date_of_birth = None
        if self.avatar:
            self.avatar.delete(save=False)
        self.avatar = ""
        self.is_active = False
        self.is_instance_admin = self.is_moderator = self.is_analyst = self.is_mediator = self.is_superuser = False
        self.deleted_at = timezone.now()
        self.set_unusable_password()
        self.save()


class ParticipantGroup(InstanceOwned):
    """A named set of accounts: restricted projects, step requirements, votation electorates."""

    name = models.CharField(_("name"), max_length=120)
    members = models.ManyToManyField(User, related_name="participant_groups", blank=True, verbose_name=_("members"))

    class Meta:
        verbose_name = _("group of participants")
        verbose_name_plural = _("groups of participants")
        ordering = ["name"]

    def __str__(self):
        return self.name
