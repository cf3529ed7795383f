"""Participation requirements: what a participant must provide before acting in a step.

`step.requirements` is a list; each entry is a kind name or a dict with its settings:

    ["confirmed_email", "first_name", "last_name",
     {"kind": "zip_code", "allowed": ["31000", "31100"]},
     {"kind": "date_of_birth", "min_age": 16},
     {"kind": "consent", "key": "charter", "text": "I accept the charter of the citizens' panel."},
     {"kind": "group", "group": 12}]

Each kind says whether a user meets it and, when the participant can complete it
themselves, the form field that asks for it. Module views call
`require_step_requirements(request, step)` before acting: it sends the participant
to a page that asks for what is missing and then back where they were.
"""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from participe.accounts.models import ParticipantGroup
from participe.projects.models import ParticipantIdentity, StepConsent

PENDING_POST_KEY = "projects.pending_post"


@dataclass(frozen=True)
class Needed:
    """One requirement of a step, with its settings, as the step configured it."""

    kind: "RequirementKind"
    config: dict
    index: int

    @property
    def field_name(self):
        return f"{self.kind.name}_{self.index}"

    def describe(self):
        return self.kind.describe(self.config)


class RequirementKind:
    name = ""
    label = ""
    # False when the participant cannot complete it on the requirements page (e-mail, groups).
    fillable = True

    def is_met(self, user, step, config):
        raise NotImplementedError

    def describe(self, config):
        return self.label

    def field(self, user, step, config):
        return None

    def save(self, user, step, config, value):
        """Store `value` (the field's cleaned value); the caller saves `user` afterwards."""


class ConfirmedEmail(RequirementKind):
    name = "confirmed_email"
    label = _("A confirmed e-mail address")
    fillable = False

    def is_met(self, user, step, config):
        return user.email_confirmed


class ZipCode(RequirementKind):
    name = "zip_code"
    label = _("Your zip code")

    def is_met(self, user, step, config):
        allowed = config.get("allowed")
        return bool(user.zip_code) and (not allowed or user.zip_code.replace(" ", "") in allowed)

    def describe(self, config):
        if config.get("allowed"):
            return _("A zip code among: %(codes)s") % {"codes": ", ".join(config["allowed"])}
        return self.label

    def field(self, user, step, config):
        allowed = config.get("allowed")

        def within_list(value):
            if allowed and value.replace(" ", "") not in allowed:
                raise ValidationError(
                    _("This step is open to the following zip codes only: %(codes)s.") % {"codes": ", ".join(allowed)}
                )

        return forms.RegexField(
            label=_("Zip code"),
            regex=r"^[0-9A-Za-z][0-9A-Za-z -]{1,9}$",
            error_messages={"invalid": _("Enter a valid zip code.")},
            validators=[within_list],
            initial=user.zip_code,
            max_length=10,
            help_text=_("Private: only used to check participation requirements."),
            widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        )

    def save(self, user, step, config, value):
        user.zip_code = value.strip()


def _age(born, today):
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class DateOfBirth(RequirementKind):
    name = "date_of_birth"
    label = _("Your date of birth")

    def is_met(self, user, step, config):
        if user.date_of_birth is None:
            return False
        return _age(user.date_of_birth, timezone.localdate()) >= config.get("min_age", 0)

    def describe(self, config):
        if config.get("min_age"):
            return _("Being at least %(age)s years old") % {"age": config["min_age"]}
        return self.label

    def field(self, user, step, config):
        min_age = config.get("min_age", 0)

        def plausible(value):
            today = timezone.localdate()
            if value > today or value < date(today.year - 120, 1, 1):
                raise ValidationError(_("Enter your real date of birth."))
            if _age(value, today) < min_age:
                raise ValidationError(_("This step is open to people aged %(age)s or over.") % {"age": min_age})

        return forms.DateField(
            label=_("Date of birth"),
            validators=[plausible],
            initial=user.date_of_birth,
            help_text=_("Private: only used to check participation requirements."),
            widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        )

    def save(self, user, step, config, value):
        user.date_of_birth = value


class _NamePart(RequirementKind):
    attribute = ""

    def _identity(self, user):
        try:
            return user.identity
        except ParticipantIdentity.DoesNotExist:
            return ParticipantIdentity(user=user, instance_id=user.instance_id)

    def is_met(self, user, step, config):
        return bool(getattr(self._identity(user), self.attribute).strip())

    def field(self, user, step, config):
        return forms.CharField(
            label=self.label,
            max_length=100,
            initial=getattr(self._identity(user), self.attribute),
            help_text=_("Private: seen only by the organisers of this project."),
            widget=forms.TextInput(attrs={"autocomplete": self.autocomplete}),
        )

    def save(self, user, step, config, value):
        identity = self._identity(user)
        setattr(identity, self.attribute, value.strip())
        identity.save()


class FirstName(_NamePart):
    name = "first_name"
    label = _("First name")
    attribute = "first_name"
    autocomplete = "given-name"


class LastName(_NamePart):
    name = "last_name"
    label = _("Last name")
    attribute = "last_name"
    autocomplete = "family-name"


class Consent(RequirementKind):
    """A checkbox with the organisers' own text; the text agreed to is kept as proof."""

    name = "consent"
    label = _("Your consent")

    def is_met(self, user, step, config):
        return StepConsent.objects.filter(user=user, step=step, key=config.get("key", "consent"), text=config["text"]).exists()

    def describe(self, config):
        return config["text"]

    def field(self, user, step, config):
        return forms.BooleanField(
            label=config["text"],
            required=True,
            error_messages={"required": _("Tick this box to take part in this step.")},
        )

    def save(self, user, step, config, value):
        StepConsent.objects.update_or_create(
            user=user,
            step=step,
            key=config.get("key", "consent"),
            defaults={"text": config["text"], "given_at": timezone.now(), "instance_id": step.instance_id},
        )


class GroupMembership(RequirementKind):
    name = "group"
    label = _("Belonging to a group of participants")
    fillable = False

    def is_met(self, user, step, config):
        return user.participant_groups.filter(pk=config.get("group")).exists()

    def describe(self, config):
        group = ParticipantGroup.objects.filter(pk=config.get("group")).first()
        if group is None:
            return self.label
        return _("Belonging to the group “%(group)s”") % {"group": group.name}


class RequirementKinds:
    def __init__(self):
        self._kinds = {}

    def register(self, kind):
        self._kinds[kind.name] = kind
        return kind

    def get(self, name):
        return self._kinds.get(name)

    def __iter__(self):
        return iter(self._kinds.values())

    def choices(self):
        return [(kind.name, kind.label) for kind in self]


requirement_kinds = RequirementKinds()
for _kind in (ConfirmedEmail, FirstName, LastName, ZipCode, DateOfBirth, Consent, GroupMembership):
    requirement_kinds.register(_kind())


def step_requirements(step):
    """The step's requirements as `Needed` items; unknown kinds are ignored (a module may be gone)."""
    needed = []
    for index, entry in enumerate(step.requirements or []):
        config = {"kind": entry} if isinstance(entry, str) else dict(entry)
        kind = requirement_kinds.get(config.get("kind"))
        if kind is not None:
            needed.append(Needed(kind, config, index))
    return needed


def missing_requirements(user, step):
    """What `user` still lacks to act in `step` (everything, for an anonymous visitor)."""
    needed = step_requirements(step)
    if not user.is_authenticated:
        return needed
    return [item for item in needed if not item.kind.is_met(user, step, item.config)]


class RequirementsForm(forms.Form):
    """Asks for the fillable missing requirements, each under its own field."""

    def __init__(self, user, step, missing, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.step = user, step
        self.items = [item for item in missing if item.kind.fillable]
        for item in self.items:
            self.fields[item.field_name] = item.kind.field(user, step, item.config)

    @transaction.atomic
    def save(self):
        for item in self.items:
            item.kind.save(self.user, self.step, item.config, self.cleaned_data[item.field_name])
        self.user.save(update_fields=["zip_code", "date_of_birth"])


def requirements_url(step, next_url):
    base = reverse("projects:requirements", args=[step.project.slug, step.slug])
    return f"{base}?{urlencode({'next': next_url})}"


def require_step_requirements(request, step):
    """None when the visitor may act in `step`; otherwise the redirect that gets them there.

    Anonymous visitors go to the login page, participants with missing requirements to
    the requirements page; both come back to the current page afterwards. A form posted
    meanwhile is kept in the session: the module's view gets it back with `pending_post`.
    """
    if request.user.is_authenticated and not missing_requirements(request.user, step):
        return None
    if request.method == "POST":
        kept = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
        request.session[PENDING_POST_KEY] = {"path": request.path, "data": kept}
    back_to = request.get_full_path()
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': back_to})}")
    return redirect(requirements_url(step, back_to))


def pending_post(request):
    """The form data the visitor posted on this page before being asked for requirements, once."""
    kept = request.session.get(PENDING_POST_KEY)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[PENDING_POST_KEY]
    restored = QueryDict(mutable=True)
    for key, values in kept["data"].items():
        restored.setlist(key, values)
    return restored
