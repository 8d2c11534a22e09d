// Drag and drop for the editors' front page (templates/admin/articles/front_page.html). Each
// row carries a hidden input in the order it is shown, so a drop only moves the row and posts
// the page's form with the list's action ("reorder" or "sections"); the Up and Down buttons do
// the same without JavaScript.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("front-page-form");
  if (!form) return;
  for (const list of form.querySelectorAll("[data-sortable]")) {
    let dragged = null;
    list.classList.add("fp-sortable");
    for (const row of list.children) {
      row.draggable = true;
      row.addEventListener("dragstart", (event) => {
        dragged = row;
        row.classList.add("fp-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.id);
      });
      row.addEventListener("dragend", () => {
        row.classList.remove("fp-dragging");
        dragged = null;
      });
      row.addEventListener("dragover", (event) => {
        if (!dragged || dragged.parentNode !== list) return;
        event.preventDefault(); // a drop is allowed here
        if (dragged === row) return;
        const box = row.getBoundingClientRect();
        const after = event.clientY > box.top + box.height / 2;
        list.insertBefore(dragged, after ? row.nextSibling : row);
      });
      row.addEventListener("drop", (event) => {
        if (!dragged) return;
        event.preventDefault();
        save(list.dataset.sortable);
      });
    }
    list.addEventListener("drop", (event) => event.preventDefault());
  }

  function save(action) {
    const field = document.createElement("input");
    field.type = "hidden";
    field.name = "action";
    field.value = action;
    form.append(field);
    form.submit();
  }
});

// The story search (templates/admin/articles/front_page.html): without JavaScript it is a GET
// form that reloads the page with the pickers filled from the search. Here the pickers are
// refilled as the editor types, from the same server search (candidates/), so a story older
// than the newest few is found too; a choice already made stays chosen while it still matches.
document.addEventListener("DOMContentLoaded", () => {
  const search = document.getElementById("story-search");
  const box = document.getElementById("story-search-q");
  const status = document.getElementById("story-search-status");
  if (!search || !box || !status) return;
  const pickers = document.querySelectorAll("select[name^='story-'], #link-story");
  let latest = 0; // answers to older keystrokes that arrive late are dropped
  let timer = null;

  function describe(query, count, limit) {
    if (!query) return `The story pickers offer the newest stories (up to ${limit}); search to find an older one.`;
    if (!count) return `No story has “${query}” in its headline.`;
    const how = count === limit ? `${limit} newest` : `${count}`;
    return `The story pickers offer the ${how} ${count === 1 ? "story" : "stories"} with “${query}” in the headline.`;
  }

  function refill(stories) {
    for (const picker of pickers) {
      const chosen = picker.value;
      const leaveOut = picker.dataset.leaveOut;
      const first = picker.options[0]; // "Choose a story…"
      picker.replaceChildren(first);
      for (const story of stories) {
        if (String(story.id) === leaveOut) continue;
        picker.append(new Option(story.label, story.id, false, String(story.id) === chosen));
      }
    }
  }

  async function find() {
    const query = box.value.trim().split(/\s+/).join(" ");
    const asked = ++latest;
    const url = new URL(search.dataset.candidates, window.location.href);
    url.searchParams.set("q", query);
    try {
      const response = await fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(String(response.status));
      const answer = await response.json();
      if (asked !== latest) return;
      refill(answer.stories);
      status.textContent = describe(query, answer.stories.length, answer.limit);
    } catch (error) {
      if (asked !== latest) return;
      status.textContent = "The search did not answer. Press Search to try again.";
    }
  }

  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(find, 250);
  });
  search.addEventListener("submit", (event) => {
    event.preventDefault(); // Enter or the Search button: search now, without a reload
    clearTimeout(timer);
    find();
  });
});
