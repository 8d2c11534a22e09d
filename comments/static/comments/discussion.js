// Progressive enhancement for the comment forms; everything works without it.
// - shows how many characters are left under each comment box;
// - disables the submit button once a form is sent, so a double click sends it once
//   (the server also stores a form only once, by its token).
(function () {
  "use strict";
  document.querySelectorAll("form.comment-form").forEach(function (form) {
    var box = form.querySelector("textarea[maxlength]");
    if (box) {
      var limit = parseInt(box.getAttribute("maxlength"), 10);
      // One line about the limit: the form's own help line becomes the live count, or a
      // counter is added where the form has none (reply boxes).
      var help = document.getElementById(box.getAttribute("aria-describedby") || "");
      var counter = help || document.createElement("p");
      counter.classList.add("comment-form__counter");
      counter.setAttribute("aria-live", "polite");
      var update = function () {
        var left = limit - box.value.length;
        counter.textContent =
          "Plain text, " + left.toLocaleString("en-GB") + " of " +
          limit.toLocaleString("en-GB") + " characters left";
      };
      box.addEventListener("input", update);
      if (!help) box.insertAdjacentElement("afterend", counter);
      update();
    }
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
        button.textContent = "Sending…";
      });
    });
  });
})();
