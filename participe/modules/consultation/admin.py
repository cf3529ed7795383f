"""Back office: consultations (with the document import), their sections, articles, amendments and debates."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from participe.backoffice.admin_base import InstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.modules.consultation.document import import_document
from participe.modules.consultation.models import Amendment, Consultation, Debate, Opinion, Section
from participe.projects.models import Step


class ConsultationForm(forms.ModelForm):
    document = forms.FileField(
        label=_("Import a document"), required=False,
        help_text=_("A Markdown (.md) or HTML (.html) file: its headings become sections, the deepest headings become articles."),
    )

    class Meta:
        model = Consultation
        # Relations are added by the admin inside the instance's scope (scoped managers fail outside one).
        fields = ["title", "body", "position"]

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        name = upload.name.lower()
        if not name.endswith((".md", ".markdown", ".txt", ".html", ".htm")) or upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Send a Markdown or HTML file of at most 2 MB."))
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The file must be encoded in UTF-8.")) from error
        if "#" not in text and "<h" not in text.lower():
            raise forms.ValidationError(_("The document has no heading: nothing to turn into sections and articles."))
        return text, not name.endswith((".html", ".htm"))


class SectionInline(admin.TabularInline):
    model = Section
    fk_name = "consultation"
    extra = 0
    fields = ["title", "parent", "position", "kind", "vote_widget", "allows_opinions", "allows_amendments", "allows_arguments", "allows_sources", "comments_enabled", "highlight_threshold", "colour"]
    ordering = ["path"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            consultation_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Section.objects.filter(consultation_id=consultation_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm("backoffice.manage_instance")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("backoffice.manage_instance")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("backoffice.manage_instance")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("backoffice.manage_instance")

    def save_new(self, form, commit=True):
        form.instance.instance = form.instance.consultation.instance
        return super().save_new(form, commit)


@admin.register(Consultation, site=backoffice_site)
class ConsultationAdmin(InstanceModelAdmin):
    form = ConsultationForm
    list_display = ["title", "step", "opinions_count", "amendments_count", "arguments_count"]
    search_fields = ["title"]
    fields = ["step", "title", "body", "position", "document"]
    inlines = [SectionInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "step":
            kwargs["queryset"] = Step.objects.filter(type="consultation").select_related("project")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        document = form.cleaned_data.get("document")
        if document:
            text, is_markdown = document
            sections, articles = import_document(obj, text, is_markdown, author=request.user)
            messages.success(request, _("Document imported: %(sections)d sections, %(articles)d articles.") % {"sections": sections, "articles": articles})


class AnsweredAdmin(InstanceModelAdmin):
    list_filter = ["answer_status", "status"]
    search_fields = ["title"]
    readonly_fields = ["votes_total", "votes_agree", "votes_mitigated", "votes_disagree"]


@admin.register(Opinion, site=backoffice_site)
class OpinionAdmin(AnsweredAdmin):
    list_display = ["title", "section", "is_official", "votes_total", "answer_status", "status"]
    list_filter = ["is_official", "answer_status", "status"]
    fields = ["consultation", "section", "title", "body", "is_official", "position", "status", "answer_status", "official_answer", *AnsweredAdmin.readonly_fields]
    list_select_related = ["section"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.step = obj.consultation.step
            obj.author = obj.author or request.user
        super().save_model(request, obj, form, change)


@admin.register(Amendment, site=backoffice_site)
class AmendmentAdmin(AnsweredAdmin):
    list_display = ["title", "opinion", "votes_total", "answer_status", "status"]
    fields = ["title", "body", "explanation", "status", "answer_status", "official_answer", *AnsweredAdmin.readonly_fields]
    list_select_related = ["opinion"]

    def has_add_permission(self, request):
        return False


@admin.register(Debate, site=backoffice_site)
class DebateAdmin(InstanceModelAdmin):
    list_display = ["question", "step", "votes_for", "votes_against", "anonymous_for", "anonymous_against"]
    fields = ["step", "question", "body", "statement_for", "statement_for_author", "statement_against", "statement_against_author", "allows_anonymous_votes"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "step":
            kwargs["queryset"] = Step.objects.filter(type="debate")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
