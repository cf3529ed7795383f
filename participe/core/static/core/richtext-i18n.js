// French words of the rich-text editor (django-prose-editor ships English toolbar labels). A classic script,
// run before the editor's module, so the editor's dialogs find window.gettext when they open.
(function () {
  "use strict";
  if (!(document.documentElement.lang || "").toLowerCase().startsWith("fr")) return;
  var words = {
    "paragraph": "Paragraphe", "Paragraph": "Paragraphe", "Heading 2": "Titre 2", "Heading 3": "Titre 3",
    "Heading 4": "Titre 4", "unordered list": "Liste à puces", "ordered list": "Liste numérotée",
    "List properties": "Propriétés de la liste", "blockquote": "Citation", "horizontal rule": "Séparateur",
    "bold": "Gras", "italic": "Italique", "underline": "Souligné", "strike": "Barré", "subscript": "Indice",
    "superscript": "Exposant", "insert link": "Insérer un lien", "remove link": "Retirer le lien",
    "undo": "Annuler", "redo": "Rétablir", "URL": "Adresse (URL)", "Title": "Titre",
    "Open in new window": "Ouvrir dans une nouvelle fenêtre", "Edit Link": "Modifier le lien",
    "Insert": "Insérer", "Update": "Mettre à jour", "Cancel": "Annuler", "List type": "Type de liste",
    "Start at": "Commencer à", "Bullets": "Puces", "Decimal numbers": "Nombres",
    "Lowercase letters": "Lettres minuscules", "Uppercase letters": "Lettres majuscules",
    "Lowercase Roman numerals": "Chiffres romains minuscules", "Uppercase Roman numerals": "Chiffres romains majuscules",
  };
  window.participeRichTextWords = words;
  if (!window.gettext) window.gettext = function (text) { return words[text] || text; };
})();
