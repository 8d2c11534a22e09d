// Suggest existing tags while an editor types in the comma-separated tags field.
// Suggestions come from Django's admin autocomplete endpoint (taggit's TagAdmin search);
// typing a new tag still creates it, so the field keeps working without this script.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector("input[data-tag-suggestions-url]");
  if (!input) return;
  const list = document.createElement("datalist");
  list.id = `${input.id}-suggestions`;
  input.after(list);
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const earlier = input.value.split(",");
      const term = earlier.pop().trim();
      if (term.length < 2) {
        list.replaceChildren();
        return;
      }
      const prefix = earlier.map((tag) => tag.trim()).filter(Boolean).join(", ");
      const url = new URL(input.dataset.tagSuggestionsUrl, window.location.href);
      url.search = new URLSearchParams({
        app_label: "articles", model_name: "article", field_name: "tags", term,
      });
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) return;
      const { results } = await response.json();
      list.replaceChildren(...results.map(({ text }) => {
        const option = document.createElement("option");
        option.value = prefix ? `${prefix}, ${text}` : text;
        return option;
      }));
    }, 150);
  });
});
