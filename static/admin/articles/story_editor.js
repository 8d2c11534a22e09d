// The story editor's headlines (the headline and the SEO/social one): a live count of
// characters against the field's limit, so an editor sees how long a headline runs before it is
// cut on cards and in search results.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.story-headline[maxlength]").forEach(countCharacters);
});

function countCharacters(headline) {
  const limit = Number(headline.getAttribute("maxlength"));
  const advised = Number(headline.dataset.advisedLength || limit);
  const advice = headline.dataset.overAdvice || "cut short on cards and in search results";
  const counter = document.createElement("p");
  counter.className = "help story-headline__count";
  counter.id = `${headline.id}-count`;
  counter.setAttribute("aria-live", "polite");
  headline.after(counter);
  headline.setAttribute(
    "aria-describedby",
    [headline.getAttribute("aria-describedby"), counter.id].filter(Boolean).join(" "),
  );
  const update = () => {
    const used = headline.value.length;
    counter.textContent =
      `${used} of ${limit} characters` + (used > advised ? ` (over ${advised}: ${advice})` : "");
    counter.classList.toggle("story-headline__count--long", used > advised);
  };
  headline.addEventListener("input", update);
  update();
}

// The hero-picture picker shows each picture beside its description. Django's admin starts
// its pickers (select2) when jQuery is ready; queued after that (a ready callback added from
// here runs after the admin's own), the picture pickers are started again with the same search
// address (select2 reads the element's data-ajax--url) and a result template.
document.addEventListener("DOMContentLoaded", () => {
  const $ = window.django && window.django.jQuery;
  if ($ && $.fn.select2) $(() => showPicturesInPickers($));
});

function showPicturesInPickers($) {
  const withPicture = (item) => {
    if (!item.thumbnail) return item.text;
    const row = $('<span class="picker-picture"></span>');
    $("<img alt='' width='64'>").attr("src", item.thumbnail).appendTo(row);
    $("<span></span>").text(item.text).appendTo(row);
    return row;
  };
  $("select.admin-autocomplete[name$=hero_image], select.admin-autocomplete[name$=-image]").each(
    (_, element) => {
      const picker = $(element);
      if (picker.attr("name").includes("__prefix__")) return;
      if (picker.data("select2")) picker.select2("destroy");
      picker.select2({
        ajax: {
          data: (params) => ({
            term: params.term,
            page: params.page,
            app_label: element.dataset.appLabel,
            model_name: element.dataset.modelName,
            field_name: element.dataset.fieldName,
          }),
        },
        templateResult: withPicture,
        templateSelection: withPicture,
      });
    },
  );
}

// Accessible names the admin's widgets leave out (axe: label, aria-input-field-name):
// - the body's rich-text editor (a contenteditable made by django-prose-editor);
// - the search boxes select2 adds to multiple pickers (re-created as the choice changes);
// - the date and time boxes of a split date-time field, whose label is the fieldset's legend;
// - the boxes of a tabular inline (the gallery), labelled only by their column's header.
// And select2's "clear all" cross, which it puts straight into a list, goes into a list item.
function nameTheUnnamed() {
  document.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach(
    (cross) => {
      const item = document.createElement("li");
      item.className = "select2-clear-item";
      cross.replaceWith(item);
      item.append(cross);
    },
  );
  document.querySelectorAll(".tabular table").forEach((table) => {
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    table.querySelectorAll("tbody tr.form-row").forEach((row, number) => {
      [...row.children].forEach((cell, column) => {
        cell.querySelectorAll("input:not([type=hidden]):not([aria-label]), select:not([aria-label])")
          .forEach((box) => {
            if (box.labels && box.labels.length) return;
            const header = headers[column] || (box.type === "checkbox" ? "Delete" : "");
            if (header) box.setAttribute("aria-label", `${header}, row ${number + 1}`);
          });
      });
    });
  });
  document.querySelectorAll(".field-body [contenteditable=true]:not([aria-label])").forEach(
    (editor) => editor.setAttribute("aria-label", "Body of the story"),
  );
  document.querySelectorAll(".select2-search__field:not([aria-label])").forEach((box) => {
    const row = box.closest(".form-row, .fieldBox, td");
    const label = row && row.querySelector("label");
    box.setAttribute("aria-label", `Search: ${label ? label.textContent.replace(/:$/, "") : "choices"}`);
  });
  document.querySelectorAll("p.datetime").forEach((pair) => {
    const row = pair.closest(".form-row, .fieldBox");
    const name = row && row.querySelector("label, legend");
    const field = name ? name.textContent.trim().replace(/:$/, "") : "";
    const [day, clock] = pair.querySelectorAll("input.vDateField, input.vTimeField");
    if (day && !day.hasAttribute("aria-label")) day.setAttribute("aria-label", `${field}: date`);
    if (clock && !clock.hasAttribute("aria-label")) clock.setAttribute("aria-label", `${field}: time`);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  nameTheUnnamed();
  new MutationObserver(nameTheUnnamed).observe(document.body, { childList: true, subtree: true });
});
