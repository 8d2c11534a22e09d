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
