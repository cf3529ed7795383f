"""WCAG 2.1 success criterion → RGAA 4.1 criteria, for the success criteria axe-core tests.

The official RGAA 4.1 criteria (https://accessibilite.numerique.gouv.fr/methode/criteres-et-tests/,
published by DINUM with its machine-readable criteria file) give, for each RGAA criterion, its
"Correspondances WCAG". This table is the reverse lookup, limited to the success criteria that
axe-core's WCAG 2.1 A/AA rules can report; criteria no automated tool can judge (relevance of a
text alternative, of a title, of a link's purpose in context…) stay a manual audit.
"""

# RGAA 4.1 criteria titles (short form), for the report.
RGAA_CRITERIA = {
    "1.1": "Chaque image porteuse d'information a-t-elle une alternative textuelle ?",
    "1.2": "Chaque image de décoration est-elle correctement ignorée par les technologies d'assistance ?",
    "1.3": "Pour chaque image porteuse d'information ayant une alternative textuelle, cette alternative est-elle pertinente ?",
    "2.1": "Chaque cadre a-t-il un titre de cadre ?",
    "3.1": "L'information ne doit pas être donnée uniquement par la couleur.",
    "3.2": "Le contraste entre la couleur du texte et la couleur de son arrière-plan est-il suffisamment élevé ?",
    "3.3": "Les couleurs utilisées dans les composants d'interface ou les éléments graphiques porteurs d'informations sont-elles suffisamment contrastées ?",
    "4.1": "Chaque média temporel pré-enregistré a-t-il, si nécessaire, une transcription textuelle ou une audiodescription ?",
    "5.6": "Pour chaque tableau de données, chaque en-tête de colonnes et chaque en-tête de lignes sont-ils correctement déclarés ?",
    "5.7": "Pour chaque tableau de données, la technique appropriée permettant d'associer chaque cellule avec ses en-têtes est-elle utilisée ?",
    "6.1": "Chaque lien est-il explicite ?",
    "6.2": "Dans chaque page web, chaque lien a-t-il un intitulé ?",
    "7.1": "Chaque script est-il, si nécessaire, compatible avec les technologies d'assistance ?",
    "7.3": "Chaque script est-il contrôlable par le clavier et par tout dispositif de pointage ?",
    "7.5": "Dans chaque page web, les messages de statut sont-ils correctement restitués par les technologies d'assistance ?",
    "8.1": "Chaque page web est-elle définie par un type de document ?",
    "8.2": "Pour chaque page web, le code source généré est-il valide selon le type de document spécifié ?",
    "8.3": "Dans chaque page web, la langue par défaut est-elle présente ?",
    "8.4": "Pour chaque page web ayant une langue par défaut, le code de langue est-il pertinent ?",
    "8.5": "Chaque page web a-t-elle un titre de page ?",
    "8.6": "Pour chaque page web ayant un titre de page, ce titre est-il pertinent ?",
    "8.7": "Dans chaque page web, chaque changement de langue est-il indiqué dans le code source ?",
    "9.1": "Dans chaque page web, l'information est-elle structurée par l'utilisation appropriée de titres ?",
    "9.2": "Dans chaque page web, la structure du document est-elle cohérente ?",
    "9.3": "Dans chaque page web, chaque liste est-elle correctement structurée ?",
    "10.4": "Dans chaque page web, le texte reste-t-il lisible lorsque la taille des caractères est augmentée jusqu'à 200 %, au moins ?",
    "10.7": "Dans chaque page web, pour chaque élément recevant le focus, la prise de focus est-elle visible ?",
    "10.11": "Pour chaque page web, les contenus peuvent-ils être présentés sans avoir recours à un défilement vertical pour une fenêtre ayant une hauteur de 256 px ou à un défilement horizontal pour une fenêtre ayant une largeur de 320 px ?",
    "10.12": "Dans chaque page web, les propriétés d'espacement du texte peuvent-elles être redéfinies par l'utilisateur sans perte de contenu ou de fonctionnalité ?",
    "11.1": "Chaque champ de formulaire a-t-il une étiquette ?",
    "11.2": "Chaque étiquette associée à un champ de formulaire est-elle pertinente ?",
    "11.9": "Dans chaque formulaire, l'intitulé de chaque bouton est-il pertinent ?",
    "11.10": "Dans chaque formulaire, le contrôle de saisie est-il utilisé de manière pertinente ?",
    "11.13": "La finalité d'un champ de saisie peut-elle être déduite pour faciliter le remplissage automatique des champs avec les données de l'utilisateur ?",
    "12.6": "Les zones de regroupement de contenus présentes dans plusieurs pages web peuvent-elles être atteintes ou évitées ?",
    "12.7": "Dans chaque page web, un lien d'évitement ou d'accès rapide à la zone de contenu principal est-il présent ?",
    "12.8": "Dans chaque page web, l'ordre de tabulation est-il cohérent ?",
    "12.9": "Dans chaque page web, la navigation ne doit pas contenir de piège au clavier.",
    "13.1": "Pour chaque page web, l'utilisateur a-t-il le contrôle de chaque limite de temps modifiant le contenu ?",
    "13.8": "Pour chaque page web, chaque contenu en mouvement ou clignotant est-il contrôlable par l'utilisateur ?",
    "13.9": "Dans chaque page web, le contenu proposé est-il consultable quelle que soit l'orientation de l'écran ?",
}

# WCAG success criterion → RGAA 4.1 criteria whose "Correspondances WCAG" name it.
WCAG_TO_RGAA = {
    "1.1.1": ["1.1", "1.2", "1.3"],
    "1.2.2": ["4.1"],
    "1.3.1": ["5.6", "5.7", "9.1", "9.2", "9.3", "11.1", "12.6"],
    "1.3.4": ["13.9"],
    "1.3.5": ["11.13"],
    "1.4.1": ["3.1"],
    "1.4.2": ["4.1"],
    "1.4.3": ["3.2"],
    "1.4.4": ["10.4"],
    "1.4.10": ["10.11"],
    "1.4.11": ["3.3"],
    "1.4.12": ["10.12"],
    "2.1.1": ["7.3"],
    "2.1.2": ["12.9"],
    "2.2.1": ["13.1"],
    "2.2.2": ["13.8"],
    "2.4.1": ["2.1", "12.6", "12.7"],
    "2.4.2": ["8.5", "8.6"],
    "2.4.3": ["12.8"],
    "2.4.4": ["6.1", "6.2"],
    "2.4.7": ["10.7"],
    "2.5.3": ["6.1", "11.2", "11.9"],
    "3.1.1": ["8.3", "8.4"],
    "3.1.2": ["8.7"],
    "3.3.1": ["11.10"],
    "3.3.2": ["11.1", "11.10"],
    "4.1.1": ["8.1", "8.2"],
    "4.1.2": ["1.1", "2.1", "7.1", "11.1", "11.9"],
    "4.1.3": ["7.5"],
}

# axe rules whose RGAA criterion is narrower than their success criterion's (1.3.1 and 4.1.2 cover
# tables, lists, headings, labels and scripts alike): the report uses these first.
AXE_RULE_TO_RGAA = {
    "image-alt": ["1.1"], "input-image-alt": ["1.1"], "role-img-alt": ["1.1"], "svg-img-alt": ["1.1"],
    "area-alt": ["1.1"], "object-alt": ["1.1"], "image-redundant-alt": ["1.3"],
    "frame-title": ["2.1"], "frame-title-unique": ["2.1"],
    "color-contrast": ["3.2"], "link-in-text-block": ["3.1"],
    "td-headers-attr": ["5.7"], "th-has-data-cells": ["5.6"], "td-has-header": ["5.7"],
    "link-name": ["6.2"], "button-name": ["11.9"], "input-button-name": ["11.9"],
    "aria-allowed-attr": ["7.1"], "aria-required-attr": ["7.1"], "aria-valid-attr": ["7.1"],
    "aria-valid-attr-value": ["7.1"], "aria-roles": ["7.1"], "aria-hidden-focus": ["7.1"],
    "aria-command-name": ["7.1"], "aria-input-field-name": ["7.1"], "aria-toggle-field-name": ["7.1"],
    "aria-required-children": ["7.1"], "aria-required-parent": ["7.1"], "nested-interactive": ["7.1"],
    "aria-prohibited-attr": ["7.1"], "aria-conditional-attr": ["7.1"], "aria-deprecated-role": ["7.1"],
    "aria-hidden-body": ["7.1"], "scrollable-region-focusable": ["7.3"],
    "duplicate-id-aria": ["8.2"], "duplicate-id": ["8.2"], "duplicate-id-active": ["8.2"],
    "html-has-lang": ["8.3"], "html-lang-valid": ["8.4"], "html-xml-lang-mismatch": ["8.4"], "valid-lang": ["8.7"],
    "document-title": ["8.5"],
    "list": ["9.3"], "listitem": ["9.3"], "definition-list": ["9.3"], "dlitem": ["9.3"],
    "meta-viewport": ["10.4"], "avoid-inline-spacing": ["10.12"],
    "label": ["11.1"], "select-name": ["11.1"], "form-field-multiple-labels": ["11.2"],
    "label-content-name-mismatch": ["11.2"], "autocomplete-valid": ["11.13"],
    "bypass": ["12.7"], "meta-refresh": ["13.1"], "blink": ["13.8"], "marquee": ["13.8"],
    "css-orientation-lock": ["13.9"], "video-caption": ["4.1"], "audio-caption": ["4.1"],
}

# Checks the journeys make themselves (not axe rules), with the success criterion they prove.
HARNESS_CHECKS = {
    "keyboard-only journeys": "2.1.1",
    "focus visible at every Tab": "2.4.7",
    "no keyboard trap (Tab reaches every control)": "2.1.2",
    "320 px wide without horizontal scrolling": "1.4.10",
    "200 % text without horizontal scrolling": "1.4.4",
}


def success_criterion(tag):
    """axe tag 'wcag1410' → '1.4.10'; None for tags that are not success criteria."""
    digits = tag.removeprefix("wcag")
    if not digits.isdigit() or len(digits) < 3:
        return None
    return f"{digits[0]}.{digits[1]}.{digits[2:]}"
