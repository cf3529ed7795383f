"""Back office: forms with their questions (inline, by position), questions with their choices and jumps."""

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from participe.backoffice.admin_base import InstanceModelAdmin
from participe.backoffice.sites import backoffice_site
from participe.core.uploads import clean_image
from participe.forms.definition import FormDefinition
from participe.forms.locks import locked_reason
from participe.forms.models import Choice, Form, LogicJump, Question


def _definition_with(form, edited_questions=(), question=None, jumps=None):
    """The form's definition as it would be after this save, to check the logic before writing."""
    current = form.definition()
    questions = {q.pk: q for q in current.all_questions}
    for edited in edited_questions:
        if edited.pk in questions:
            edited.choice_list = questions[edited.pk].choice_list
            questions[edited.pk] = edited
    ordered = sorted(questions.values(), key=lambda q: (q.position, q.pk))
    all_jumps = dict(current.jumps)
    if question is not None:
        all_jumps[question.pk] = jumps
    for question_jumps in all_jumps.values():
        for jump in question_jumps:
            jump.question = questions[jump.question_id]
    return FormDefinition(form, ordered, all_jumps)


class QuestionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors) or not self.instance.pk:
            return
        edited = [f.instance for f in self.forms if f.instance.pk and f.cleaned_data and not f.cleaned_data.get("DELETE")]
        _definition_with(self.instance, edited_questions=edited).check_logic()


class JumpFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors) or not self.instance.pk:
            return
        jumps = [f.instance for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        for jump in jumps:
            jump.question_id = self.instance.pk
        _definition_with(self.instance.form, [self.instance], self.instance, jumps).check_logic()


class PartOfFormInline:
    """Questions, choices and jumps are part of their form: whoever may change the form may change them."""

    permission = "backoffice.manage_instance"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self.permission)

    def has_change_permission(self, request, obj=None):
        form = getattr(obj, "form", obj)
        return request.user.has_perm(self.permission) and not (form is not None and locked_reason(form))

    has_add_permission = has_delete_permission = has_change_permission


class QuestionInline(PartOfFormInline, admin.TabularInline):
    model = Question
    formset = QuestionFormSet
    fields = ["position", "type", "title", "required", "private", "hidden", "edit_link"]
    readonly_fields = ["edit_link"]
    extra = 1
    ordering = ["position", "pk"]

    @admin.display(description=_("choices, jumps, settings"))
    def edit_link(self, obj):
        if not obj.pk:
            return ""
        return format_html('<a href="{}">{}</a>', reverse("backoffice:forms_question_change", args=[obj.pk]), _("Edit"))


class LockedFormMixin:
    """A form locked by its owner (e.g. an open votation's ballot) is shown read-only."""

    def _form_of(self, obj):
        return obj

    def has_change_permission(self, request, obj=None):
        if obj is not None and locked_reason(self._form_of(obj)):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and locked_reason(self._form_of(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        reason = obj is not None and locked_reason(self._form_of(obj))
        if reason:
            self.message_user(request, reason, level="warning")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Form, site=backoffice_site)
class FormAdmin(LockedFormMixin, InstanceModelAdmin):
    list_display = ["title", "updated_at"]
    search_fields = ["title"]
    inlines = [QuestionInline]


class ChoiceForm(forms.ModelForm):
    class Meta:
        model = Choice
        fields = ["position", "label", "description", "image", "image_alt", "is_other"]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and isinstance(image, UploadedFile):  # a new upload: checked by content, re-encoded
            return clean_image(image)
        return image


class ChoiceInline(PartOfFormInline, admin.TabularInline):
    model = Choice
    form = ChoiceForm
    fields = ["position", "label", "description", "image", "image_alt", "is_other"]
    extra = 2
    ordering = ["position", "pk"]


class JumpInline(PartOfFormInline, admin.TabularInline):
    model = LogicJump
    fk_name = "question"
    formset = JumpFormSet
    fields = ["position", "condition", "choice", "destination"]
    extra = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        question_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name in ("choice", "destination") and question_id:
            question = Question.objects.filter(pk=question_id).first()
            if db_field.name == "choice":
                kwargs["queryset"] = Choice.objects.filter(question_id=question_id)
            elif question is not None:
                kwargs["queryset"] = Question.objects.filter(form_id=question.form_id).order_by("position", "pk")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Question, site=backoffice_site)
class QuestionAdmin(LockedFormMixin, InstanceModelAdmin):
    list_display = ["title", "form", "position", "type", "required"]
    list_filter = ["type"]
    list_select_related = ["form"]
    search_fields = ["title"]
    fields = ["form", "position", "type", "title", "description", "help_text", "required", "private", "hidden", "config"]
    inlines = [ChoiceInline, JumpInline]

    def _form_of(self, obj):
        return obj.form
