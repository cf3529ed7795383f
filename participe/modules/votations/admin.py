"""Back office: votations (frozen once open, every change audited), electors import, identification codes."""

import csv

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from participe.backoffice.admin_base import InstanceModelAdmin, ReadOnlyInstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.core.links import absolute_url
from participe.modules.votations import services
from participe.modules.votations.models import AuditEntry, Elector, Votation

CONFIG_FIELDS = ["step", "form", "electorate", "email_receipt"]


class ImportElectorsForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses of the electors"),
        widget=forms.Textarea,
        help_text=_("One per line (or separated by commas or semicolons). Each receives a personal invitation link."),
    )

    def clean_emails(self):
        raw = self.cleaned_data["emails"].replace(",", "\n").replace(";", "\n")
        emails = [line.strip() for line in raw.splitlines() if line.strip()]
        validator = forms.EmailField()
        wrong = []
        for email in emails:
            try:
                validator.clean(email)
            except forms.ValidationError:
                wrong.append(email)
        if wrong:
            raise forms.ValidationError(_("Not e-mail addresses: %(list)s") % {"list": ", ".join(wrong[:20])})
        return emails


class GenerateCodesForm(forms.Form):
    count = forms.IntegerField(label=_("Number of codes"), min_value=1, max_value=100_000)


class VotationForm(forms.ModelForm):
    # No Meta: the admin builds the form per request, inside the instance scope.
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("form"):
            problem = services.check_ballot_questions(cleaned["form"].definition())
            if problem:
                self.add_error("form", problem)
        if cleaned.get("step") and cleaned["step"].type != "votation":
            self.add_error("step", _("Choose a step of type votation."))
        return cleaned


class AuditInline(admin.TabularInline):
    model = AuditEntry
    fields = ["at", "actor", "action", "details"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("votations.manage")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Votation, site=backoffice_site)
class VotationAdmin(InstanceModelAdmin):
    permission = "votations.manage"
    form = VotationForm
    fields = CONFIG_FIELDS
    list_display = ["__str__", "electorate", "state_label", "links"]
    list_select_related = ["step__project"]
    inlines = [AuditInline]

    def get_readonly_fields(self, request, obj=None):
        return CONFIG_FIELDS if obj is not None and obj.is_frozen else []

    def get_urls(self):
        return [
            path("<int:pk>/electors/", self.admin_site.admin_view(self.import_electors_view), name="votations_votation_electors"),
            path("<int:pk>/codes/", self.admin_site.admin_view(self.codes_view), name="votations_votation_codes"),
            *super().get_urls(),
        ]

    @admin.display(description=_("state"))
    def state_label(self, obj):
        return obj.state

    @admin.display(description=_("pages"))
    def links(self, obj):
        if obj.electorate == Votation.Electorate.LIST:
            target, label = "backoffice:votations_votation_electors", _("import electors")
        elif obj.electorate == Votation.Electorate.CODES:
            target, label = "backoffice:votations_votation_codes", _("generate codes")
        else:
            return format_html('<a href="{}">{}</a>', reverse("votations:detail", args=[obj.pk]), _("public page"))
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("votations:detail", args=[obj.pk]), _("public page"), reverse(target, args=[obj.pk]), label,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {name: str(form.cleaned_data.get(name)) for name in form.changed_data}
        services.audit(obj, request.user, "changed" if change else "created", **changes)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return False
        return super().has_delete_permission(request, obj)

    def _electorate_editable(self, request, pk):
        """(the votation, None) when its electorate may still change, else (None, the redirect refusing it)."""
        votation = get_object_or_404(Votation.objects.select_related("step"), pk=pk)
        if not self.has_change_permission(request, votation):
            return None, redirect("backoffice:index")
        if votation.is_frozen:
            messages.error(request, _("The votation is open or closed: its electorate can no longer change."))
            return None, redirect("backoffice:votations_votation_change", votation.pk)
        return votation, None

    def import_electors_view(self, request, pk):
        votation, refusal = self._electorate_editable(request, pk)
        if refusal:
            return refusal
        form = ImportElectorsForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            def link(token):
                return absolute_url(request.instance, reverse("votations:invitation", args=[votation.pk, token]))

            added = services.import_electors(votation, form.cleaned_data["emails"], request.user, link)
            messages.success(request, _("%(count)d electors added and invited.") % {"count": added})
            return redirect("backoffice:votations_votation_change", votation.pk)
        return self._page(request, votation, form, _("Import electors"))

    def codes_view(self, request, pk):
        votation, refusal = self._electorate_editable(request, pk)
        if refusal:
            return refusal
        form = GenerateCodesForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            codes = services.generate_codes(votation, form.cleaned_data["count"], request.user)
            # Shown once, as a file to print: only digests are kept.
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="codes-votation-{votation.pk}.csv"'
            response["Cache-Control"] = "no-store"
            writer = csv.writer(response)
            writer.writerow([str(_("Identification code"))])
            writer.writerows([code] for code in codes)
            return response
        return self._page(request, votation, form, _("Generate identification codes"))

    def _page(self, request, votation, form, title):
        context = {**self.admin_site.each_context(request), "title": title, "form": form, "opts": self.model._meta,
                   "original": votation}
        return render(request, "votations/admin_form.html", context)


@admin.register(Elector, site=backoffice_site)
class ElectorAdmin(ReadOnlyInstanceModelAdmin):
    """The register (who voted, never how): read-only."""

    permission = "votations.manage"
    list_display = ["__str__", "votation", "has_voted"]
    list_filter = ["has_voted"]
    list_select_related = ["votation__step", "account"]
    search_fields = ["email"]
