"""Import of the République numérique dump (2015): one JSON file per opinion, see the dump's README.

The dump lists each opinion's section ("type") but not the titles and chapters above the
sections; they are rebuilt from the bill's published outline (TREE below, keyed by the
section ids of the dump). Per-voter votes are not in the dump, only totals: the importer
generates anonymous voter accounts and one vote per voter reproducing each opinion's
agree / mitigated / disagree totals, inserted in batches with the counters set to match.
Every row carries the dump's id (`external_id`), so a second run adds nothing.
"""

import html
import json
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from participe.accounts.models import User
from participe.modules.consultation.models import (
    Argument,
    Consultation,
    Opinion,
    Section,
    SectionKind,
    Side,
    Source,
    SourceCategory,
)
from participe.participation.models import Status
from participe.projects.models import Project, Step
from participe.votes.models import Vote

EMAIL_DOMAIN = "republique-numerique.invalid"
BATCH = 5000

# (title, [(chapter, [dump section ids])]) — the outline of the bill as put online.
TREE = [
    ("Titre I — La circulation des données et du savoir", [
        ("Chapitre 1 — Économie de la donnée", [86, 87, 88]),
        ("Chapitre 2 — Économie du savoir", [90, 91]),
    ]),
    ("Titre II — La protection dans la société numérique", [
        ("Chapitre 1 — Environnement ouvert", [94, 95, 96, 97]),
        ("Chapitre 2 — Protection de la vie privée en ligne", [99, 100]),
    ]),
    ("Titre III — L’accès au numérique", [
        ("Chapitre 1 — Numérique et territoires", [103, 104]),
        ("Chapitre 2 — Facilité des usages", [106, 107]),
        ("Chapitre 3 — Accès des publics fragiles au numérique", [109, 110, 111]),
    ]),
]

CATEGORIES = {
    "Site internet": SourceCategory.WEBSITE,
    "Articles de presse": SourceCategory.PRESS,
    "Lois et règlements": SourceCategory.LAW,
    "Rapport / Étude": SourceCategory.REPORT,
    "Billet de blog": SourceCategory.BLOG,
    "Article scientifique": SourceCategory.SCIENCE,
    "Manuel / Guide": SourceCategory.GUIDE,
    "Document audiovisuel / iconographique": SourceCategory.MEDIA,
    "Thèse / Mémoire": SourceCategory.THESIS,
    "Document cartographique": SourceCategory.MAP,
}


def read_dump(path):
    """The opinions of the dump, in id order; files that are not an opinion (404 pages) are skipped."""
    folder = Path(path)
    if (folder / "opinions").is_dir():
        folder = folder / "opinions"
    opinions = []
    for file in folder.glob("*.json"):
        try:
            opinion = json.loads(file.read_text(encoding="utf-8")).get("opinion")
        except (ValueError, AttributeError):
            continue
        if opinion:
            opinions.append(opinion)
    return sorted(opinions, key=lambda o: o["id"])


def _when(value):
    return parse_datetime(value) if value else timezone.now()


def _text(value):
    return html.unescape(value or "").strip()


class _Run:
    def __init__(self, instance, opinions):
        self.instance = instance
        self.opinions = opinions
        self.password = make_password(None)  # unusable: generated accounts cannot log in

    def project_and_step(self):
        project, _ = Project.objects.get_or_create(
            slug="republique-numerique",
            defaults={
                "title": "Projet de loi pour une République numérique",
                "summary": "Consultation nationale de 2015 sur le projet de loi, article par article (données importées).",
                "type_label": "Consultation",
                "is_published": True,
            },
        )
        step, _ = Step.objects.get_or_create(
            project=project, slug="consultation",
            defaults={"type": "consultation", "title": "Consultation sur le projet de loi"},
        )
        consultation, _ = Consultation.objects.get_or_create(
            step=step, external_id="republique-numerique",
            defaults={"title": "Projet de loi pour une République numérique"},
        )
        return project, step, consultation

    def sections(self, consultation):
        existing = {s.external_id: s for s in Section.objects.filter(consultation=consultation)}
        names = {o["type"]["id"]: o["type"] for o in self.opinions}
        by_dump_id = {}

        def get(external_id, **fields):
            if external_id not in existing:
                existing[external_id] = Section.objects.create(consultation=consultation, external_id=external_id, **fields)
            return existing[external_id]

        for t, (title, chapters) in enumerate(TREE, start=1):
            top = get(f"title-{t}", title=title, kind=SectionKind.TITLE, position=t, allows_opinions=False)
            for c, (chapter, ids) in enumerate(chapters, start=1):
                middle = get(f"chapter-{t}-{c}", parent=top, title=chapter, kind=SectionKind.CHAPTER, position=c, allows_opinions=False)
                for s, dump_id in enumerate(ids, start=1):
                    kind = names.get(dump_id, {"title": f"Section {s}", "subtitle": ""})
                    by_dump_id[dump_id] = get(
                        f"type-{dump_id}", parent=middle, position=s, kind=SectionKind.SECTION,
                        title=f"{kind['title']} — {kind.get('subtitle') or ''}".strip(" —"), colour=kind.get("color") or "blue",
                    )
        return by_dump_id

    def accounts(self, emails_and_names):
        wanted = dict(emails_and_names)
        known = dict(User.objects.filter(email__in=list(wanted)).values_list("email", "pk"))
        now = timezone.now()
        missing = [
            User(instance=self.instance, email=email, display_name=name[:80], password=self.password, email_confirmed_at=now)
            for email, name in wanted.items() if email not in known
        ]
        User.objects.bulk_create(missing, batch_size=BATCH)
        return dict(User.objects.filter(email__in=list(wanted)).values_list("email", "pk"))

    def authors(self):
        people = {}
        for o in self.opinions:
            for item in [o, *o["arguments"], *o["sources"]]:
                author = item["author"]
                people[f"{author['uniqueId']}@{EMAIL_DOMAIN}".lower()] = author.get("displayName") or author["username"]
        return self.accounts(people)

    def opinions_rows(self, step, consultation, sections, authors):
        known = set(Opinion.objects.filter(consultation=consultation).values_list("external_id", flat=True))
        rows = []
        for o in self.opinions:
            if str(o["id"]) in known:
                continue
            explanation = "".join(a.get("body") or "" for a in o.get("appendices", []))
            body = o["body"] + (f"<h3>Explication</h3>{explanation}" if explanation else "")
            rows.append(Opinion(
                instance=self.instance, step=step, consultation=consultation, section=sections[o["type"]["id"]],
                author_id=authors[f"{o['author']['uniqueId']}@{EMAIL_DOMAIN}".lower()], title=_text(o["title"])[:200],
                body=body, original_body=body, status=Status.TRASHED if o["is_trashed"] else Status.PUBLISHED,
                created_at=_when(o["created_at"]), published_at=_when(o["created_at"]), position=o["id"],
                external_id=str(o["id"]), votes_agree=o["votes_ok"], votes_mitigated=o["votes_mitige"],
                votes_disagree=o["votes_nok"], votes_total=o["votes_ok"] + o["votes_mitige"] + o["votes_nok"],
            ))
        Opinion.objects.bulk_create(rows, batch_size=500)
        return dict(Opinion.objects.filter(consultation=consultation).values_list("external_id", "pk"))

    def arguments_and_sources(self, step, opinion_ids, authors):
        known_arguments = set(Argument.objects.filter(opinion_id__in=opinion_ids.values()).values_list("external_id", flat=True))
        known_sources = set(Source.objects.filter(opinion_id__in=opinion_ids.values()).values_list("external_id", flat=True))
        arguments, sources = [], []
        for o in self.opinions:
            opinion_id = opinion_ids[str(o["id"])]
            for a in o["arguments"]:
                if str(a["id"]) in known_arguments:
                    continue
                arguments.append(Argument(
                    instance=self.instance, step=step, opinion_id=opinion_id, side=Side.FOR if a["type"] == 1 else Side.AGAINST,
                    body=_text(a["body"])[:2000], author_id=authors[f"{a['author']['uniqueId']}@{EMAIL_DOMAIN}".lower()],
                    status=Status.TRASHED if a["is_trashed"] or not a["is_enabled"] else Status.PUBLISHED,
                    created_at=_when(a["created_at"]), published_at=_when(a["created_at"]), external_id=str(a["id"]),
                    votes_total=a["votes_count"],
                ))
            for s in o["sources"]:
                if str(s["id"]) in known_sources or not s.get("link"):
                    continue
                sources.append(Source(
                    instance=self.instance, step=step, opinion_id=opinion_id, title=_text(s["title"])[:200], link=s["link"][:500],
                    description=_text(s.get("body"))[:2000], category=CATEGORIES.get(s.get("category"), SourceCategory.OTHER),
                    author_id=authors[f"{s['author']['uniqueId']}@{EMAIL_DOMAIN}".lower()],
                    created_at=_when(s["created_at"]), published_at=_when(s["created_at"]), external_id=str(s["id"]),
                ))
        Argument.objects.bulk_create(arguments, batch_size=1000)
        Source.objects.bulk_create(sources, batch_size=1000)

    def votes(self, step, opinion_ids):
        """One synthetic voter per vote: voter n casts the n-th vote of every opinion that has that many."""
        most = max((o["votes_ok"] + o["votes_mitige"] + o["votes_nok"] for o in self.opinions), default=0)
        voters = self.accounts({f"votant-{n:05d}@{EMAIL_DOMAIN}": f"Votant·e {n}" for n in range(1, most + 1)})
        voter_ids = [voters[f"votant-{n:05d}@{EMAIL_DOMAIN}"] for n in range(1, most + 1)]
        content_type = ContentType.objects.get_for_model(Opinion)
        voted = set(
            Vote.objects.filter(content_type=content_type, object_id__in=opinion_ids.values()).values_list("object_id", flat=True).distinct()
        )
        # 88,000 rows: plain INSERTs through the cursor, ten times faster than building model objects.
        table = Vote._meta.db_table
        columns = ["instance_id", "voter_id", "content_type_id", "object_id", "step_id", "value", "is_counted", "created_at", "updated_at"]
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        sql = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608 - names from the model, values bound
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        rows = []
        with connection.cursor() as cursor:
            for o in self.opinions:
                opinion_id = opinion_ids[str(o["id"])]
                if opinion_id in voted:
                    continue
                values = [1] * o["votes_ok"] + [0] * o["votes_mitige"] + [-1] * o["votes_nok"]
                created = connection.ops.adapt_datetimefield_value(_when(o["created_at"]))
                for voter_id, value in zip(voter_ids, values, strict=False):
                    rows.append((self.instance.pk, voter_id, content_type.pk, opinion_id, step.pk, value, True, created, now))
                if len(rows) >= BATCH:
                    cursor.executemany(sql, rows)
                    rows = []
            if rows:
                cursor.executemany(sql, rows)

    def recount(self, project, step, consultation):
        """Counters from the rows, so they are right after any partial earlier run."""
        published = Q(status=Status.PUBLISHED)
        for section in Section.objects.filter(consultation=consultation):
            section.opinions_count = Opinion.objects.filter(published, section=section).count()
            section.arguments_count = Argument.objects.filter(published, opinion__section=section).count()
            section.sources_count = Source.objects.filter(published, opinion__section=section).count()
            section.save(update_fields=["opinions_count", "arguments_count", "sources_count"])
        counts = {}
        for row in (
            Argument.objects.filter(published, opinion__consultation=consultation)
            .values("opinion_id", "side").annotate(n=Count("pk")).order_by()
        ):
            counts[(row["opinion_id"], row["side"])] = row["n"]
        for row in (
            Source.objects.filter(published, opinion__consultation=consultation)
            .values("opinion_id").annotate(n=Count("pk")).order_by()
        ):
            counts[(row["opinion_id"], "sources")] = row["n"]
        changed = []
        for o in Opinion.objects.filter(consultation=consultation).only(
            "pk", "arguments_for_count", "arguments_against_count", "sources_count"
        ):
            wanted = tuple(counts.get((o.pk, key), 0) for key in (Side.FOR, Side.AGAINST, "sources"))
            if (o.arguments_for_count, o.arguments_against_count, o.sources_count) != wanted:
                o.arguments_for_count, o.arguments_against_count, o.sources_count = wanted
                changed.append(o)
        Opinion.objects.bulk_update(changed, ["arguments_for_count", "arguments_against_count", "sources_count"], batch_size=500)
        opinions = Opinion.objects.filter(published, consultation=consultation)
        consultation.opinions_count = opinions.count()
        consultation.arguments_count = Argument.objects.filter(published, opinion__consultation=consultation).count()
        consultation.sources_count = Source.objects.filter(published, opinion__consultation=consultation).count()
        consultation.save(update_fields=["opinions_count", "arguments_count", "sources_count"])
        votes = opinions.aggregate(n=Sum("votes_total"))["n"] or 0
        contributions = consultation.opinions_count + consultation.arguments_count + consultation.sources_count
        Step.objects.filter(pk=step.pk).update(votes_count=votes, contributions_count=contributions)
        Project.objects.filter(pk=project.pk).update(votes_count=votes, contributions_count=contributions)


def import_republique_numerique(path, instance, **options):
    opinions = read_dump(path)
    if not opinions:
        raise ValueError(f"No opinion found in {path}")
    run = _Run(instance, opinions)
    with transaction.atomic():
        project, step, consultation = run.project_and_step()
        sections = run.sections(consultation)
        authors = run.authors()
        opinion_ids = run.opinions_rows(step, consultation, sections, authors)
        run.arguments_and_sources(step, opinion_ids, authors)
        run.votes(step, opinion_ids)
        run.recount(project, step, consultation)
    content_type = ContentType.objects.get_for_model(Opinion)
    return {
        "step": step.pk,
        "opinions": Opinion.objects.filter(consultation=consultation).count(),
        "arguments": Argument.objects.filter(opinion__consultation=consultation).count(),
        "votes": Vote.objects.filter(content_type=content_type, object_id__in=opinion_ids.values()).count(),
    }
