"""Back office: questionnaires, with the replies import (CSV) and links to results and exports."""

from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from participe.backoffice.admin_base import InstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.forms import stats
from participe.forms.importer import ImportErrors, import_replies
from participe.forms.models import Reply
from participe.modules.questionnaires.forms import ImportRepliesForm
from participe.modules.questionnaires.models import Questionnaire
from participe.modules.questionnaires.services import import_reply_factory
from participe.projects.models import Step


@admin.register(Questionnaire, site=backoffice_site)
class QuestionnaireAdmin(InstanceModelAdmin):
    permission = "questionnaires.manage"
    list_display = ["__str__", "form", "allow_anonymous", "multiple_replies", "results_public", "links"]
    list_select_related = ["step__project", "form"]
    autocomplete_fields = []
    fields = ["step", "form", "allow_anonymous", "multiple_replies", "results_public", "acknowledge_by_email", "thanks_message"]
    actions = ["recount"]

    def get_urls(self):
        return [
            path("<int:pk>/import/", self.admin_site.admin_view(self.import_view), name="questionnaires_questionnaire_import"),
            *super().get_urls(),
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "step":
            kwargs["queryset"] = Step.objects.filter(type="questionnaire").select_related("project")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("pages"))
    def links(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("questionnaires:results", args=[obj.pk]), _("results"),
            reverse("questionnaires:export_csv", args=[obj.pk]), _("CSV export"),
            reverse("backoffice:questionnaires_questionnaire_import", args=[obj.pk]), _("import replies"),
        )

    @admin.action(description=_("Recount the results of the selected questionnaires"))
    def recount(self, request, queryset):
        for questionnaire in queryset:
            replies = Reply.objects.filter(questionnaire_reply__questionnaire=questionnaire, is_draft=False)
            stats.rebuild(questionnaire.form.definition(), replies)
        self.message_user(request, _("Results recounted."))

    def import_view(self, request, pk):
        questionnaire = get_object_or_404(Questionnaire, pk=pk)
        if not self.has_change_permission(request, questionnaire):
            return redirect("backoffice:index")
        form = ImportRepliesForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                count = import_replies(
                    questionnaire.form.definition(), form.cleaned_data["file"].read(), import_reply_factory(questionnaire)
                )
            except ImportErrors as exc:
                errors = exc.errors[:100]
            except UnicodeDecodeError:
                errors = [_("The file must be a CSV file encoded in UTF-8.")]
            else:
                messages.success(request, _("%(count)d replies imported.") % {"count": count})
                return redirect("backoffice:questionnaires_questionnaire_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import replies into “%(name)s”") % {"name": questionnaire},
            "form": form,
            "errors": errors,
            "opts": self.model._meta,
            "original": questionnaire,
        }
        return render(request, "questionnaires/admin_import.html", context)
