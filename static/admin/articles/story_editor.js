// The story editor's headline: a live count of characters against the field's limit, so an
// editor sees how long a headline runs before it is cut on cards and in search results.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const headline = document.querySelector("input.story-headline[maxlength]");
  if (!headline) return;
  const limit = Number(headline.getAttribute("maxlength"));
  const advised = Number(headline.dataset.advisedLength || limit);
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
      `${used} of ${limit} characters` +
      (used > advised ? ` (over ${advised}: cut short on cards and in search results)` : "");
    counter.classList.toggle("story-headline__count--long", used > advised);
  };
  headline.addEventListener("input", update);
  update();
});

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
