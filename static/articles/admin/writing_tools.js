// Writing tools on the article form, updated as the editor types: for each language the
// reading time, sentence length and a readability figure (English: Flesch-Kincaid grade,
// as docs/content.md reports for the demo articles; Lithuanian: LIX, which needs no
// syllable count), a warning for an image without a description. Strings: djangojs.
(function () {
  "use strict";
  const gettext = window.gettext || ((text) => text);
  const interpolate = window.interpolate || ((format, values) => format);

  // Plain-language targets (docs/articles.md): a reading age of about 12-14.
  // LIX runs higher in Lithuanian than in the Scandinavian languages it was made for
  // (longer words), so its target is a guide, as every figure here is.
  const TARGET = { sentenceWords: 15, englishGrade: 8, lix: 50 };
  const LOCALE = document.documentElement.lang || undefined;

  function decimal(number) {
    return number.toLocaleString(LOCALE, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  }

  function plainText(editable) {
    // Each block (heading, paragraph, list item) ends a sentence, as in the demo figures.
    // A list item's text is in its paragraph: count the paragraph, not the item too.
    const blocks = editable ? editable.querySelectorAll("h2, h3, p, li:not(:has(p))") : [];
    return Array.from(blocks, (block) => {
      const text = block.innerText.trim();
      return text && !/[.?!:]$/.test(text) ? text + "." : text;
    }).filter(Boolean).join(" ");
  }

  function words(text) {
    return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) || [];
  }

  function sentenceCount(text) {
    return (text.match(/[.?!:]+(\s|$)/g) || []).length || (text.trim() ? 1 : 0);
  }

  function englishSyllables(word) {
    // An estimate: groups of vowels, less a silent final "e" (textstat counts better).
    const groups = word.toLowerCase().replace(/e$/, "").match(/[aeiouy]+/g);
    return Math.max(1, groups ? groups.length : 0);
  }

  function figures(text, language, wordsPerMinute) {
    const list = words(text);
    const sentences = sentenceCount(text);
    if (!list.length) return null;
    const perSentence = list.length / sentences;
    const result = {
      words: list.length,
      minutes: Math.max(1, Math.ceil(list.length / wordsPerMinute)),
      perSentence: perSentence,
    };
    if (language === "en") {
      const syllables = list.reduce((sum, word) => sum + englishSyllables(word), 0);
      result.grade = 0.39 * perSentence + 11.8 * (syllables / list.length) - 15.59;
    } else {
      const long = list.filter((word) => word.length > 6).length;
      result.lix = perSentence + (100 * long) / list.length;
    }
    return result;
  }

  function describe(result, language) {
    if (!result) return gettext("No text yet.");
    const parts = [
      interpolate(gettext("%(minutes)s min read, %(words)s words"), result, true),
      interpolate(
        gettext("%(average)s words per sentence (aim for %(target)s or fewer)"),
        { average: decimal(result.perSentence), target: TARGET.sentenceWords },
        true,
      ),
    ];
    if (language === "en") {
      parts.push(interpolate(
        gettext("reading grade %(grade)s (aim for %(target)s or lower)"),
        { grade: decimal(result.grade), target: TARGET.englishGrade },
        true,
      ));
    } else {
      parts.push(interpolate(
        gettext("LIX %(lix)s (aim for %(target)s or lower)"),
        { lix: Math.round(result.lix), target: TARGET.lix },
        true,
      ));
    }
    return parts.join(" · ");
  }

  function tooHard(result, language) {
    if (!result) return false;
    const hard = language === "en" ? result.grade > TARGET.englishGrade : result.lix > TARGET.lix;
    return hard || result.perSentence > TARGET.sentenceWords;
  }

  function languageName(textarea) {
    // The name modeltranslation gives the language's tab (in the admin's language).
    const tab = document.querySelector(`a[href="#tab_${textarea.id}"]`);
    return (tab && tab.getAttribute("title")) || textarea.dataset.language.toUpperCase();
  }

  function start() {
    const bodies = document.querySelectorAll("textarea[data-words-per-minute]");
    if (!bodies.length) return;
    const box = document.createElement("div");
    box.className = "writing-tools";
    box.setAttribute("aria-live", "polite");
    const heading = document.createElement("h2");
    heading.textContent = gettext("Readability");
    box.append(heading);
    const lines = [];
    bodies.forEach((textarea) => {
      const language = textarea.dataset.language;
      const line = document.createElement("p");
      line.className = "writing-tools-language";
      const name = document.createElement("strong");
      name.textContent = languageName(textarea) + ": ";
      const figuresText = document.createElement("span");
      line.append(name, figuresText);
      box.append(line);
      lines.push({ textarea, language, figuresText, line });
    });
    const imageWarning = document.createElement("p");
    imageWarning.className = "writing-tools-warning";
    imageWarning.textContent = gettext(
      "The image has no description in every language yet: describe it for people who cannot see it.",
    );
    box.append(imageWarning);
    const row = bodies[0].closest(".ui-tabs") || bodies[0].closest(".form-row");
    row.after(box);

    function update() {
      lines.forEach((item) => {
        const editor = item.textarea.closest(".prose-editor");
        // (The menu's heading picker is a ProseMirror element too, but not editable.)
        const editable = editor && editor.querySelector(".ProseMirror[contenteditable]");
        const result = figures(
          plainText(editable), item.language, Number(item.textarea.dataset.wordsPerMinute),
        );
        item.figuresText.textContent = describe(result, item.language);
        item.line.classList.toggle("writing-tools-hard", tooHard(result, item.language));
      });
      imageWarning.hidden = !imageWithoutDescription(lines);
    }

    function imageWithoutDescription(items) {
      const input = document.querySelector("#id_image");
      const current = document.querySelector(".field-image .file-upload a");
      const clear = document.querySelector("#image-clear_id");
      const hasImage = (input && input.files.length) || (current && !(clear && clear.checked));
      if (!hasImage) return false;
      return items.some((item) => {
        const alt = document.querySelector(`#id_image_alt_${item.language}`);
        const written = item.figuresText.textContent !== gettext("No text yet.");
        return alt && !alt.value.trim() && (written || item === items[0]);
      });
    }

    const form = bodies[0].form;
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("keyup", update);
    update();
  }

  // After modeltranslation has made its tabs. It does so in a jQuery "ready" handler,
  // which may run after the window's "load"; handlers run in the order they were added,
  // and by "load" modeltranslation's script has added its own.
  const jQuery = window.jQuery || (window.django && window.django.jQuery);
  window.addEventListener("load", () => (jQuery ? jQuery(start) : start()));
})();
