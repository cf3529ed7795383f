"""Demo content: the main demo instance offers French and English, with a few items translated."""

from django.apps import apps

from participe.core import demo_content
from participe.translations.services import save_translations

ENGLISH = {
    ("projects.Project", "plan-velo"): {
        "title": "Cycling plan 2027-2032: help us draw the way",
        "summary": "Cycle lanes, parking, learning to ride: the city is preparing its cycling plan and asks for your "
        "opinion before the city council votes.",
        "body": "<p>One trip in two under three kilometres is still made by car. For six years, the cycling plan will "
        "set the routes to build first, the bike parks to create near stations and schools and what is done to "
        "help people ride in town.</p><h2>What is at stake</h2><ul><li>120 km of new cycle routes;</li><li>4,000 "
        "bicycle parking spaces;</li><li>a budget of 38 million euros over the plan.</li></ul>",
    },
    ("projects.Project", "ilots-de-fraicheur"): {
        "title": "Cool islands in school playgrounds",
        "summary": "Trees, shade, fountains, permeable ground: let us imagine tomorrow's playgrounds with the "
        "children, their parents and the schools' teams.",
    },
    ("website.Page", "a-propos"): {
        "title": "About",
        "summary": "Who runs this platform, and why.",
        "body": "<p>This platform lets residents give their opinion, propose ideas and vote on the city's projects."
        "</p>",
    },
}


@demo_content.register(last=True)
def load(instance, accounts, now):
    if instance.languages != ["fr", "en"]:
        instance.languages = ["fr", "en"]
        instance.save(update_fields=["languages"])
    for (label, slug), texts in ENGLISH.items():
        obj = apps.get_model(label).objects.filter(slug=slug).first()
        if obj is not None:
            save_translations(obj, {(field, "en"): text for field, text in texts.items()})
