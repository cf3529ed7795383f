"""The form engine: questions of many types, logic jumps, pages, replies and aggregated results.

Public API (stable; other modules use only this):

Models (participe.forms.models) — all InstanceOwned:
    Form(title)                                   owner-agnostic: a questionnaire, a proposal form or an
                                                  evaluation form holds a ForeignKey to it.
    Question(form, position, type, title, description, help_text, required, private, hidden, config)
        type: a key of participe.forms.question_types.question_types (short_text, long_text, rich_text,
        number, email, phone, date, single_choice, multiple_choice, ranking, majority_judgment, file,
        section, siret, rna); config: the type's settings (see docs/forms-engine.md).
    Choice(question, position, label, description, image, image_alt, is_other)
    LogicJump(question, position, condition in is/is_not/always, choice, destination or None = end)
    Reply(form, author, answers, is_draft, page, segment, token, created_at, submitted_at)
        answers: {"<question id>": stored value}; files in AnswerFile rows.

Functions:
    form.definition() -> FormDefinition        questions + choices + jumps in three queries; .pages,
                                                .path(answers), .page_questions(page, answers), .check_logic()
    participe.forms.engine.build_django_form(form_definition, page=None, data=None, files=None,
            initial=None, *, answers=None, seed=None, questions=None, enforce_required=True, prefix=None)
        -> ReplyForm (a django.forms.Form): field "q<question id>" per input question (+ "q<id>_other"
        for "other" texts); .items() yields (question, bound field, extra bound fields) for templates.
    participe.forms.engine.save_answers(reply, cleaned_data, form=None, save=True)
        writes the valid form's answers into the reply (files saved as AnswerFile rows).
    participe.forms.replies.store_page / submit / delete
        the transactional writes that keep the aggregated counts (participe.forms.stats) right.
    participe.forms.stats.results(definition, Filters(segment, since, until), include_private, cache_seconds=0)
        -> (number of replies, [QuestionResult]) from aggregated rows: cost independent of replies.
    participe.forms.majority_judgment.majority_grade / compare / rank
    participe.forms.export.ReplyExporter(form_definition, replies_queryset)   CSV/XLSX rows;
        .csv_chunks() -> the CSV file as bytes blocks (built by PostgreSQL's COPY there, same bytes as in Python)
    participe.forms.importer.import_replies(definition, csv_file, create_reply)

Rendering: include "forms/reply_form.html" with `form` (a ReplyForm) for fieldsets, legends and errors.
"""
