// The back office's rich-text editor: each textarea[data-richtext] becomes a ProseMirror editor
// (django-prose-editor's bundle). The textarea stays in the form and receives the HTML; without this script
// it is a plain textarea. No inline style is injected (the CSP forbids it): editor.css has the rules.
import {
  Blockquote, Bold, BulletList, Document, Dropcursor, Editor, Gapcursor, HardBreak, Heading, History,
  HorizontalRule, Italic, Link, ListItem, Menu, OrderedList, Paragraph, Strike, Text, Underline,
} from "../django_prose_editor/editor.js";

function extensions(kind) {
  const common = [Document, Paragraph, Text, HardBreak, History, Dropcursor, Gapcursor, Menu,
    Bold, Italic, Underline, Strike, Link, BulletList, OrderedList, ListItem, Blockquote];
  if (kind === "contribution") return common;
  return [...common, Heading.configure({ levels: [2, 3, 4] }), HorizontalRule];
}

function translate(wrapper) {
  const words = window.participeRichTextWords;
  if (!words) return;
  for (const button of wrapper.querySelectorAll(".prose-menubar [title]")) {
    const word = words[button.getAttribute("title")];
    if (word) {
      button.setAttribute("title", word);
      button.setAttribute("aria-label", word);
    }
  }
  for (const option of wrapper.querySelectorAll(".prose-menubar__option > *")) {
    const word = words[option.textContent.trim()];
    if (word) option.textContent = word;
  }
}

// The menu greys out what cannot be done with a class only: say it to assistive technologies too (and axe then
// treats the greyed buttons as disabled controls, which WCAG exempts from the contrast minimum).
function announceDisabled(wrapper) {
  const sync = (button) => {
    if (button.classList.contains("disabled")) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
  };
  wrapper.querySelectorAll(".prose-menubar__button").forEach(sync);
  if (wrapper.dataset.disabledAnnounced) return;
  wrapper.dataset.disabledAnnounced = "yes";
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.target.classList.contains("prose-menubar__button")) sync(change.target);
    }
  }).observe(wrapper, { subtree: true, attributes: true, attributeFilter: ["class"] });
}

function attach(textarea) {
  if (textarea.closest(".prose-editor")) return;
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const wrapper = document.createElement("div");
  wrapper.className = "prose-editor";
  textarea.before(wrapper);
  wrapper.append(textarea);
  const attributes = { role: "textbox", "aria-multiline": "true" };
  if (label) attributes["aria-label"] = label.textContent.replace(/\s+/g, " ").trim();
  const describedBy = textarea.getAttribute("aria-describedby");
  if (describedBy) attributes["aria-describedby"] = describedBy;
  if (textarea.getAttribute("aria-invalid")) attributes["aria-invalid"] = "true";
  const editor = new Editor({
    element: wrapper,
    injectCSS: false,
    extensions: extensions(textarea.dataset.richtext),
    content: textarea.value,
    editorProps: { attributes },
    onUpdate({ editor: current }) {
      const html = current.getHTML();
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
    },
  });
  if (label) label.addEventListener("click", () => editor.commands.focus());
  // The toolbar is built once the editor is created (after the current task).
  editor.on("create", () => { translate(wrapper); announceDisabled(wrapper); });
  setTimeout(() => { translate(wrapper); announceDisabled(wrapper); }, 0);
  wrapper.classList.add("richtext-ready");
}

document.querySelectorAll("textarea[data-richtext]").forEach(attach);
