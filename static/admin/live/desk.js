// The live desk (live/desk.py): an update posted without leaving the page. The form is sent
// with fetch and the server answers JSON: on success the form is cleared for the next update
// (with a new submission token) and the newest updates are replaced; on an error the messages
// are shown and everything the editor typed stays. Ctrl+Enter (⌘+Enter) posts from any field.
// Without this script the form posts normally and the desk comes back with a message.
// The admin loads it in <head>: it starts once the page is parsed.
"use strict";

// The body's editor (django-prose-editor) announces itself when it is ready: kept, to clear it.
const liveDeskEditors = new Map();
document.addEventListener("prose-editor:ready", (event) => {
  liveDeskEditors.set(event.detail.textarea, event.detail.editor);
});

// Accessible names the widgets leave out (axe: aria-input-field-name), from the field's label:
// the body's editor (a contenteditable made by django-prose-editor), and the pickers (select2),
// which name their box by the choice shown, so by nothing while nothing is chosen.
function nameTheDeskFields(form) {
  form.querySelectorAll(".live-desk-field").forEach((box) => {
    const label = box.querySelector("label");
    if (!label) return;
    if (!label.id) label.id = `${label.htmlFor || box.dataset.field}-label`;
    box.querySelectorAll("[contenteditable=true]:not([aria-labelledby])").forEach((editor) => {
      editor.setAttribute("aria-labelledby", label.id);
    });
    box.querySelectorAll(".select2-selection--single").forEach((picker) => {
      const names = (picker.getAttribute("aria-labelledby") || "").split(" ");
      if (!names.includes(label.id)) {
        picker.setAttribute("aria-labelledby", [label.id, ...names].join(" ").trim());
      }
    });
    box.querySelectorAll(".select2-selection__rendered:not([aria-labelledby])").forEach((shown) => {
      shown.setAttribute("aria-labelledby", label.id);
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("live-desk-form");
  if (!form) return;
  nameTheDeskFields(form);
  // The editor and the pickers are made after this (and select2 remakes parts of itself).
  new MutationObserver(() => nameTheDeskFields(form)).observe(form, {
    childList: true,
    subtree: true,
  });
  if (!window.fetch) return;
  const button = form.querySelector("button[type=submit]");
  const status = document.getElementById("live-desk-status");
  const summary = document.getElementById("live-desk-errors");
  const entries = document.getElementById("live-desk-entries");
  const buttonText = button.textContent;
  let posting = false;

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    // A second click while the first is on its way does nothing (and the server stores one
    // update per submission token anyway).
    if (posting) return;
    post();
  });

  // Caught on the way down, before the body's editor would take Ctrl+Enter as a line break.
  form.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        event.stopPropagation();
        form.requestSubmit(button);
      }
    },
    true,
  );

  function setPosting(on) {
    posting = on;
    button.disabled = on;
    button.textContent = on ? "Posting…" : buttonText;
    form.setAttribute("aria-busy", on ? "true" : "false");
  }

  function post() {
    setPosting(true);
    status.textContent = "Posting…";
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value,
      },
    })
      .then((response) =>
        response.json().then((answer) => ({ ok: response.ok && answer.ok, answer })),
      )
      .then(({ ok, answer }) => {
        if (ok) {
          posted(answer);
        } else {
          showErrors(answer);
        }
      })
      .catch(() => {
        // The session may have expired, or the network gone: nothing typed is lost.
        showErrors({
          message:
            "Not posted: the desk could not reach the server. Your update is still here: " +
            "post it again (sign in again in another tab if you were signed out).",
          errors: {},
        });
      })
      .finally(() => setPosting(false));
  }

  function posted(answer) {
    clearErrors();
    form.elements.token.value = answer.token;
    clearFields();
    entries.innerHTML = answer.entries;
    status.textContent = answer.message;
    const title = form.elements.title;
    if (title) title.focus();
  }

  // What one update had: the author stays (the next update is often by the same reporter).
  function clearFields() {
    ["title", "embed_url"].forEach((name) => {
      if (form.elements[name]) form.elements[name].value = "";
    });
    ["is_key_event", "is_pinned"].forEach((name) => {
      if (form.elements[name]) form.elements[name].checked = false;
    });
    const picture = form.elements.image;
    if (picture) {
      picture.value = "";
      const $ = window.django && window.django.jQuery;
      if ($) $(picture).trigger("change"); // the picker (select2) shows the cleared choice
    }
    const body = form.elements.body;
    if (body) {
      const editor = liveDeskEditors.get(body);
      if (editor) editor.commands.clearContent(true);
      body.value = "";
    }
  }

  function clearErrors() {
    summary.replaceChildren();
    form.querySelectorAll(".live-desk-field__errors").forEach((box) => box.replaceChildren());
    form.querySelectorAll("[aria-invalid]").forEach((field) => {
      field.removeAttribute("aria-invalid");
    });
  }

  function errorList(messages) {
    const list = document.createElement("ul");
    list.className = "errorlist";
    messages.forEach((message) => {
      const item = document.createElement("li");
      item.textContent = message;
      list.appendChild(item);
    });
    return list;
  }

  function showErrors(answer) {
    clearErrors();
    const note = document.createElement("p");
    note.className = "errornote";
    note.textContent = answer.message;
    summary.appendChild(note);
    Object.entries(answer.errors || {}).forEach(([name, messages]) => {
      const box = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
      if (!box) return;
      box.querySelector(".live-desk-field__errors").appendChild(errorList(messages));
      const field = form.elements[name];
      if (field && field.setAttribute) field.setAttribute("aria-invalid", "true");
    });
    status.textContent = ""; // the summary (role="alert") says it, once
    summary.focus();
  }
});
