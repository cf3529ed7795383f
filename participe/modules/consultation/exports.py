"""Export of a consultation: one row per contribution (opinion, amendment, argument, source), streamed."""

from django.utils.translation import gettext_lazy as _

from participe.exports.base import Exporter
from participe.modules.consultation.models import Amendment, Argument, Consultation, Opinion, Source
from participe.modules.consultation.scores import controversy

CHUNK = 2000


class ConsultationExporter(Exporter):
    title = _("Contributions")

    def __init__(self, consultation):
        self.consultation = consultation
        self.filename = f"consultation-{consultation.pk}"

    @classmethod
    def for_job(cls, consultation_id):
        # Runs in the job's instance scope: the scoped manager finds only that instance's consultation.
        return cls(Consultation.objects.get(pk=consultation_id))

    def columns(self):
        return [
            "type", "id", "section", "opinion_id", "amendment_id", "title", "text", "side", "category", "link",
            "author", "status", "created_at", "votes_total", "votes_agree", "votes_mitigated", "votes_disagree",
            "controversy", "useful_votes", "arguments_for", "arguments_against", "sources", "answer_status",
            "official_answer", "url",
        ]

    def count(self):
        c = self.consultation
        return c.opinions_count + c.amendments_count + c.arguments_count + c.sources_count

    def rows(self):
        consultation = self.consultation
        opinions = Opinion.objects.filter(consultation=consultation).select_related("section", "author").order_by("pk")
        for o in opinions.iterator(chunk_size=CHUNK):
            yield [
                "opinion", o.pk, o.section.title, o.pk, None, o.title, o.body, None, None, None, o.author_name,
                o.status, o.created_at, o.votes_total, o.votes_agree, o.votes_mitigated, o.votes_disagree,
                round(controversy(o.votes_agree, o.votes_disagree, o.votes_total), 2), None,
                o.arguments_for_count, o.arguments_against_count, o.sources_count, o.answer_status,
                o.official_answer, o.get_absolute_url(),
            ]
        amendments = Amendment.objects.filter(opinion__consultation=consultation).select_related("opinion__section", "author").order_by("pk")
        for a in amendments.iterator(chunk_size=CHUNK):
            yield [
                "amendment", a.pk, a.opinion.section.title, a.opinion_id, a.pk, a.title, a.body, None, None, None,
                a.author_name, a.status, a.created_at, a.votes_total, a.votes_agree, a.votes_mitigated,
                a.votes_disagree, round(controversy(a.votes_agree, a.votes_disagree, a.votes_total), 2), None,
                a.arguments_for_count, a.arguments_against_count, a.sources_count, a.answer_status,
                a.official_answer, a.get_absolute_url(),
            ]
        for model, kind in ((Argument, "argument"), (Source, "source")):
            rows = model.objects.filter(opinion__consultation=consultation) | model.objects.filter(amendment__opinion__consultation=consultation)
            for r in rows.select_related("author").order_by("pk").iterator(chunk_size=CHUNK):
                is_argument = kind == "argument"
                yield [
                    kind, r.pk, None, r.opinion_id, r.amendment_id, None if is_argument else r.title,
                    r.body if is_argument else r.description, r.side if is_argument else None,
                    None if is_argument else r.category, None if is_argument else r.url, r.author_name, r.status,
                    r.created_at, r.votes_total if is_argument else None, None, None, None, None,
                    r.votes_total if is_argument else None, None, None, None, None, None, None,
                ]


def exporters_for_step(step):
    return [ConsultationExporter(c) for c in Consultation.objects.filter(step=step)]
