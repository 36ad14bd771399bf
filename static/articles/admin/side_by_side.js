// The article form's translation mode: every translated field's languages side by side
// (title, summary, body, image description, each FAQ question and answer), instead of
// one language at a time on tabs. The choice is kept in this browser (localStorage).
// The tabs themselves are modeltranslation's (jQuery UI); this only adds a class to the
// page, a language heading to each panel, and the switch. Strings: djangojs catalog.
(function () {
  "use strict";
  const STORAGE_KEY = "clinic-admin-translation-mode";
  const SIDE_BY_SIDE = "side-by-side";
  const gettext = window.gettext || ((text) => text);

  function languageName(tabLink) {
    // modeltranslation puts the language's name in the tab's title, its code as text.
    return tabLink.getAttribute("title") || tabLink.textContent;
  }

  function labelPanels() {
    document.querySelectorAll(".ui-tabs").forEach((tabs) => {
      tabs.querySelectorAll(":scope > .ui-tabs-nav a").forEach((link) => {
        const panel = tabs.querySelector(link.getAttribute("href"));
        if (!panel || panel.querySelector(":scope > .side-by-side-language")) return;
        const heading = document.createElement("p");
        heading.className = "side-by-side-language";
        heading.textContent = languageName(link);
        panel.prepend(heading);
      });
    });
  }

  function apply(mode, button) {
    const sideBySide = mode === SIDE_BY_SIDE;
    document.body.classList.toggle("translation-side-by-side", sideBySide);
    button.setAttribute("aria-pressed", String(sideBySide));
    button.textContent = sideBySide
      ? gettext("Show one language at a time")
      : gettext("Show both languages side by side");
    if (sideBySide) labelPanels();
  }

  function start() {
    const form = document.querySelector("#article_form");
    if (!form) return;
    const bar = document.createElement("div");
    bar.className = "translation-mode";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button translation-mode-switch";
    bar.append(button);
    form.prepend(bar);
    let mode = localStorage.getItem(STORAGE_KEY) || "tabs";
    button.addEventListener("click", () => {
      mode = mode === SIDE_BY_SIDE ? "tabs" : SIDE_BY_SIDE;
      localStorage.setItem(STORAGE_KEY, mode);
      apply(mode, button);
    });
    apply(mode, button);
    // An FAQ item added later gets its tabs then: label its panels too.
    document.addEventListener("formset:added", () => setTimeout(labelPanels, 0));
  }

  // After modeltranslation has made its tabs. It does so in a jQuery "ready" handler,
  // which may run after the window's "load"; handlers run in the order they were added,
  // and by "load" modeltranslation's script has added its own.
  const jQuery = window.jQuery || (window.django && window.django.jQuery);
  window.addEventListener("load", () => (jQuery ? jQuery(start) : start()));
})();
