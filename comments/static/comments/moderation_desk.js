// The moderators' desk (comments/moderation_desk.py): decisions without a page reload, and the
// keyboard, in the manner of Coral Talk's queue. Without this script every button is a plain
// form post and the queue reloads.
//   j / ↓  next comment        k / ↑  previous comment
//   a      approve              r      reject (with the reason chosen in the row)
//   s      spam                 f      feature
//   ?      the list of these keys, in a dialog (also the "Keyboard shortcuts" button)
// No key works the queue while the moderator types in a field.
// The admin loads it in <head>: it starts once the queue's table is parsed.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var table = document.getElementById("result_list");
  if (!table) return;
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  if (!rows.length) return;
  var form = document.getElementById("changelist-form");
  var token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  var current = -1;

  var live = document.createElement("div");
  live.className = "desk-announce";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  table.parentNode.insertBefore(live, table);

  // The keys and what they do, as the help dialog lists them (the handler is at the end).
  var SHORTCUTS = [
    [["j", "↓"], "Next comment"],
    [["k", "↑"], "Previous comment"],
    [["a"], "Approve the comment"],
    [["r"], "Reject the comment, for the reason chosen in its row"],
    [["s"], "Mark the comment as spam"],
    [["f"], "Feature the comment"],
    [["?"], "Show this list"],
    [["Esc"], "Close this list"],
  ];

  var helpButton = document.createElement("button");
  helpButton.type = "button"; // the queue sits in the admin's form: this must not submit it
  helpButton.className = "button desk-shortcuts-button";
  helpButton.textContent = "Keyboard shortcuts";
  helpButton.setAttribute("aria-haspopup", "dialog");
  helpButton.setAttribute("aria-keyshortcuts", "Shift+?");
  var help = document.createElement("p");
  help.className = "desk-help";
  help.appendChild(helpButton);
  help.appendChild(document.createTextNode(" or press ? for the keys that work the queue."));
  table.parentNode.insertBefore(help, live);

  // A modal <dialog>: the browser keeps focus inside it and closes it on Esc; it hangs off
  // <body>, outside the changelist's form.
  var dialog = document.createElement("dialog");
  dialog.className = "desk-shortcuts";
  dialog.setAttribute("aria-labelledby", "desk-shortcuts-title");
  var title = document.createElement("h2");
  title.id = "desk-shortcuts-title";
  title.textContent = "Keyboard shortcuts";
  dialog.appendChild(title);
  var list = document.createElement("dl");
  SHORTCUTS.forEach(function (shortcut) {
    var keys = document.createElement("dt");
    shortcut[0].forEach(function (key, n) {
      if (n) keys.appendChild(document.createTextNode(" or "));
      var kbd = document.createElement("kbd");
      kbd.textContent = key;
      keys.appendChild(kbd);
    });
    var does = document.createElement("dd");
    does.textContent = shortcut[1];
    list.appendChild(keys);
    list.appendChild(does);
  });
  dialog.appendChild(list);
  var note = document.createElement("p");
  note.textContent = "The keys do nothing while you type in a field.";
  dialog.appendChild(note);
  var close = document.createElement("button");
  close.type = "button";
  close.className = "button";
  close.textContent = "Close";
  dialog.appendChild(close);
  document.body.appendChild(dialog);

  var opener = null;
  function openHelp() {
    if (dialog.open) return;
    opener = document.activeElement;
    dialog.showModal();
    close.focus();
  }
  close.addEventListener("click", function () {
    dialog.close();
  });
  // Esc, the Close button or a click outside the list: back where the moderator was.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener("close", function () {
    if (opener && opener.isConnected && opener !== document.body) opener.focus();
    opener = null;
  });
  helpButton.addEventListener("click", openHelp);

  function focusRow(index) {
    if (index < 0 || index >= rows.length) return;
    if (current >= 0) rows[current].classList.remove("desk-current");
    current = index;
    var row = rows[current];
    row.classList.add("desk-current");
    row.setAttribute("tabindex", "-1");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function isOpen(row) {
    return !row.classList.contains("desk-done") && !row.classList.contains("desk-busy");
  }

  function nextOpen(from) {
    for (var i = from + 1; i < rows.length; i++) {
      if (isOpen(rows[i])) return i;
    }
    return from;
  }

  // Decisions go to the server one after another, in the order they were made, however fast
  // the keys are pressed.
  var queue = Promise.resolve();

  function decide(button) {
    var row = button.closest("tr");
    // The next comment is ready at once: a moderator's next key goes to it, not to this one.
    row.classList.add("desk-busy");
    var index = rows.indexOf(row);
    if (index === current) focusRow(nextOpen(index));
    queue = queue.then(function () {
      return send(button, row);
    });
  }

  function send(button, row) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", token ? token.value : "");
    body.append("decision", button.value);
    var reason = row.querySelector("select[name^=reason-]");
    if (reason) body.append(reason.name, reason.value);
    return fetch(button.getAttribute("formaction"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          return { ok: response.ok && answer.ok, answer: answer };
        });
      })
      .then(function (result) {
        row.classList.remove("desk-busy");
        live.textContent = result.answer.message;
        if (!result.ok) return;
        row.classList.add("desk-done");
        var cell = row.querySelector(".desk-decide");
        if (cell) cell.textContent = result.answer.message;
      })
      .catch(function () {
        // Nothing was decided: the row stays open for another try (or a reload).
        row.classList.remove("desk-busy");
        live.textContent = "That decision could not be saved. Try again, or reload the page.";
      });
  }

  table.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=decision]");
    if (!button) return;
    event.preventDefault();
    focusRow(rows.indexOf(button.closest("tr")));
    if (isOpen(button.closest("tr"))) decide(button);
  });

  // Where a key types (or picks an option) rather than works the queue.
  var NOT_TYPING = { checkbox: true, radio: true, button: true, submit: true, reset: true };
  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    if (tag === "input") return !NOT_TYPING[(target.type || "").toLowerCase()];
    return tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  var KEYS = { a: "approve", r: "reject", s: "spam", f: "feature" };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // The open dialog takes its own keys (Esc, Tab, Enter on Close); none reach the queue.
    if (dialog.open || isTyping(event.target)) return;
    if (event.key === "?") {
      event.preventDefault();
      openHelp();
    } else if (event.key === "j" || event.key === "ArrowDown") {
      event.preventDefault();
      focusRow(current < 0 ? 0 : current + 1);
    } else if (event.key === "k" || event.key === "ArrowUp") {
      event.preventDefault();
      focusRow(Math.max(current - 1, 0));
    } else if (KEYS[event.key] && current >= 0) {
      var button = rows[current].querySelector("button[value=" + KEYS[event.key] + "]");
      if (button && isOpen(rows[current])) {
        event.preventDefault();
        decide(button);
      }
    }
  });
});
