"""A form loaded once with its questions, choices and jumps: pages, the path through logic jumps, checks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class FormDefinition:
    def __init__(self, form, questions, jumps):
        self.form = form
        self.all_questions = questions  # every question, hidden ones included (exports, imports)
        self.questions = [q for q in questions if not q.hidden]
        self.by_id = {q.pk: q for q in questions}
        self.jumps = jumps  # question id -> [LogicJump] in order
        self.page_of = {}
        self.pages = []
        for question in self.questions:
            if not self.pages or (question.type == "section" and question.config.get("new_page", True) and self.pages[-1]):
                self.pages.append([])
            self.pages[-1].append(question)
            self.page_of[question.pk] = len(self.pages) - 1
        if not self.pages:
            self.pages.append([])

    @property
    def input_questions(self):
        return [q for q in self.all_questions if q.question_type.is_input]

    # Logic jumps -----------------------------------------------------------
    def next_after(self, question, answers):
        """The question that follows `question` given the answers so far (None: the end of the form)."""
        stored = answers.get(str(question.pk))
        for jump in self.jumps.get(question.pk, ()):
            if jump.matches(stored) and (stored is not None or jump.condition == "always"):
                return self.by_id.get(jump.destination_id) if jump.destination_id else None
        index = self.questions.index(question) + 1
        return self.questions[index] if index < len(self.questions) else None

    def path(self, answers):
        """Questions a respondent goes through with these answers, in order (jumps only go forward)."""
        visited = []
        question = self.questions[0] if self.questions else None
        while question is not None:
            visited.append(question)
            question = self.next_after(question, answers)
        return visited

    def path_pages(self, answers):
        pages = []
        for question in self.path(answers):
            page = self.page_of[question.pk]
            if not pages or pages[-1] != page:
                pages.append(page)
        return pages or [0]

    def page_questions(self, page, answers):
        """The questions of `page` that lie on the respondent's path."""
        return [q for q in self.path(answers) if self.page_of[q.pk] == page]

    def check_logic(self):
        """Refuse jumps that could loop, go backwards, point nowhere or test an answer they cannot have."""
        errors = []
        position = {q.pk: index for index, q in enumerate(self.all_questions)}
        for question_id, jumps in self.jumps.items():
            source = self.by_id[question_id]
            defaults = [j for j in jumps if j.condition == "always"]
            if len(defaults) > 1:
                errors.append(_("“%(q)s” has more than one default destination.") % {"q": source.title})
            for jump in jumps:
                if jump.condition != "always":
                    if not source.question_type.has_choices or source.type == "ranking":
                        errors.append(_("“%(q)s” has no choices: only a default destination is possible.") % {"q": source.title})
                        continue
                    if jump.choice_id is None or jump.choice_id not in {c.pk for c in source.choice_list}:
                        errors.append(_("A jump of “%(q)s” tests a choice of another question.") % {"q": source.title})
                if jump.destination_id is None:
                    continue
                target = self.by_id.get(jump.destination_id)
                if target is None:
                    errors.append(_("A jump of “%(q)s” goes to a question of another form.") % {"q": source.title})
                elif position[target.pk] <= position[source.pk]:
                    errors.append(
                        _("“%(q)s” jumps back to “%(t)s”: jumps may only go forward.") % {"q": source.title, "t": target.title}
                    )
                elif target.hidden or source.hidden:
                    errors.append(_("A jump of “%(q)s” involves a hidden question.") % {"q": source.title})
                elif self.page_of[target.pk] <= self.page_of[source.pk]:
                    errors.append(
                        _("“%(q)s” jumps to “%(t)s” on the same page: the destination must be on a later page.")
                        % {"q": source.title, "t": target.title}
                    )
        if errors:
            raise ValidationError(errors)
