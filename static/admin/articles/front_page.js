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
