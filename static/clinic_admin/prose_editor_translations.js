// The rich-text editor (django-prose-editor / Tiptap) writes some of its menu's words
// straight into the page ("Paragraph", "Heading 2", button tooltips such as "bold")
// instead of asking for a translation. This puts each through the admin's JavaScript
// catalog (djangojs: locale/lt/LC_MESSAGES/djangojs.po) as the menus appear. Its dialogs
// (the link dialog) already use the catalog.
(function () {
  "use strict";
  if (!window.gettext) return;
  const ATTRIBUTES = ["title", "aria-label"];

  function translateMenu(root) {
    root.querySelectorAll(".prose-menubar *").forEach((element) => {
      ATTRIBUTES.forEach((name) => {
        const value = element.getAttribute(name);
        if (value) {
          const translated = window.gettext(value);
          if (translated !== value) element.setAttribute(name, translated);
        }
      });
      // Option texts such as "Paragraph" and "Heading 2" (icons are left alone).
      if (element.childElementCount === 0 && !element.classList.contains("material-icons")) {
        const text = element.textContent;
        const translated = text && window.gettext(text);
        if (translated && translated !== text) element.textContent = translated;
      }
    });
  }

  const observer = new MutationObserver((records) => {
    if (records.some((record) => record.addedNodes.length)) translateMenu(document);
  });
  document.addEventListener("DOMContentLoaded", () => {
    translateMenu(document);
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();
