"""The votation's back-office forms: its settings, the list of electors, the identification codes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from participe.accounts.models import ParticipantGroup
from participe.core.params import AsciiIntegerField
from participe.gestion.forms import LocalDateTimeInput
from participe.modules.votations.gestion import electors_csv
from participe.modules.votations.models import Votation

MAX_FILE_BYTES = 2 * 1024 * 1024


def step_group(step):
    """The group the step's requirements restrict the electorate to, or None."""
    for needed in step.requirements or []:
        if isinstance(needed, dict) and needed.get("kind") == "group":
            return needed.get("group")
    return None


def with_group(requirements, group_id):
    """The step's requirements with at most one group requirement: `group_id`'s (None: no group)."""
    kept = [r for r in requirements or [] if not (isinstance(r, dict) and r.get("kind") == "group")]
    return [*kept, {"kind": "group", "group": group_id}] if group_id else kept


def _minute(moment):
    return moment.replace(second=0, microsecond=0)


class VotationSettingsForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Opening of the vote"), widget=LocalDateTimeInput(),
        help_text=_("The vote opens at this date and time, once the step is published."),
    )
    ends_at = forms.DateTimeField(
        label=_("Closing of the vote"), widget=LocalDateTimeInput(),
        help_text=_("The ballots are counted after the close; the results stay private until you publish them."),
    )
    electorate = forms.ChoiceField(label=_("Who may vote"), choices=Votation.Electorate.choices, widget=forms.RadioSelect)
    group = forms.ModelChoiceField(
        label=_("Only the members of this group"), queryset=ParticipantGroup.objects.none(), required=False,
        empty_label=_("Every confirmed account"),
        help_text=_("For an electorate of accounts: leave empty to let every confirmed account vote."),
    )
    email_receipt = forms.BooleanField(
        label=_("E-mail each voter a confirmation that their ballot is cast"), required=False,
        help_text=_("The e-mail holds neither the choices nor the receipt code."),
    )

    def __init__(self, votation, *args, **kwargs):
        step = votation.step
        initial = {
            "starts_at": step.starts_at, "ends_at": step.ends_at, "electorate": votation.electorate,
            "group": step_group(step), "email_receipt": votation.email_receipt,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.votation = votation
        self.fields["group"].queryset = ParticipantGroup.objects.order_by("name")
        if votation.is_frozen:
            # Once open, only the close may move (to extend the vote) and the confirmation e-mail change.
            for name in ("starts_at", "electorate", "group"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The vote must close after it opens."))
        current = self.votation.step.ends_at
        if ends_at and current and _minute(ends_at) == _minute(current):
            ends_at = data["ends_at"] = current  # the field shows minutes: the same minute is no change
        if ends_at and ends_at != current and self.votation.results is not None:
            self.add_error("ends_at", _("The ballots are counted: the close can no longer move."))
        electorate = data.get("electorate")
        if electorate and electorate != self.votation.electorate and self.votation.electors.exists():
            self.add_error("electorate", _("The register already holds electors: empty it on the electorate's page first."))
        if data.get("group") and electorate != Votation.Electorate.ACCOUNTS:
            self.add_error("group", _("A group only restricts an electorate of accounts."))
        return data


class ElectorListForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of the electors"), required=False,
        help_text=_("One elector per line: the e-mail address and, if you wish, the name, separated by a comma or a "
                    "semicolon. A first line of column names is skipped. At most 2 MB."),
    )
    lines = forms.CharField(
        label=_("Or paste the lines"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Same format: one elector per line, e.g. “marie@example.org; Marie Curie”."),
    )

    def clean(self):
        data = super().clean()
        upload, pasted = data.get("file"), (data.get("lines") or "").strip()
        if upload is None and not pasted:
            raise forms.ValidationError(_("Choose a CSV file or paste the list of electors."))
        if upload is not None:
            if upload.size > MAX_FILE_BYTES:
                self.add_error("file", _("The file is larger than 2 MB: split the list."))
                return data
            try:
                data["text"] = electors_csv.decode(upload.read())
            except ValueError as wrong:
                self.add_error("file", str(wrong))
                return data
        else:
            data["text"] = pasted
        data["list"] = electors_csv.parse(data["text"])
        if not data["list"].people and not data["list"].errors:
            raise forms.ValidationError(_("The list holds no elector."))
        return data


class GenerateCodesForm(forms.Form):
    FORMATS = [
        ("print", _("A page to print (one code per card), also to save as PDF")),
        ("csv", _("A CSV file (to merge into letters)")),
    ]
    count = AsciiIntegerField(label=_("Number of codes"), min_value=1, max_value=5000)
    format = forms.ChoiceField(label=_("Get them as"), choices=FORMATS, initial="print", widget=forms.RadioSelect)
