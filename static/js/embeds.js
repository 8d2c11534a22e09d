/*
 * Embedded videos and posts (templates/includes/_embed.html): the provider's player loads only
 * when the reader presses the facade's button. One listener on the document, so embeds added to
 * the page later (new live updates) work too.
 */
(function () {
  "use strict";

  // The facade's button and its privacy note show only when this script can act on them.
  document.documentElement.classList.add("embeds-ready");

  function playerFor(figure) {
    var frame = document.createElement("iframe");
    frame.className = "embed__frame";
    frame.title = figure.getAttribute("data-embed-title") || "Embedded content";
    // As restrictive as the provider's player allows (articles/embed_providers.py).
    frame.setAttribute("sandbox", figure.getAttribute("data-embed-sandbox") || "");
    var features = figure.getAttribute("data-embed-allow");
    if (features) {
      frame.setAttribute("allow", features);
    }
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.setAttribute("loading", "eager");
    frame.src = figure.getAttribute("data-embed-src");
    return frame;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".embed-load");
    var figure = button && button.closest(".embed[data-embed-src]");
    if (!figure || figure.getAttribute("data-embed-src").indexOf("https://") !== 0) {
      return;
    }
    var frame = playerFor(figure);
    figure.querySelector(".embed__facade").replaceWith(frame);
    figure.classList.add("embed--loaded");
    // The button is gone: keyboard and screen-reader users continue in the player.
    frame.focus();
  });
})();
