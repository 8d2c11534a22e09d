/*
 * Live coverage: new updates without a reload (templates/live/_coverage.html).
 *
 * Every data-live-poll-seconds the page asks its update endpoint (a few bytes, revalidated with
 * its ETag, cached at the edge for every reader) whether anything changed. New updates are not
 * pushed under the reader's eyes: a "3 new updates" button appears, and a click fetches the main
 * live page (the same cached copy every reader gets) and swaps in its updates, key events and
 * pinned update. Polling pauses while the tab is hidden and stops once the coverage has ended.
 * Without this script the page is complete, and a reload shows new updates.
 */
(function () {
  "use strict";

  var section = document.querySelector(".live-coverage[data-live-updates-url]");
  if (!section || !window.fetch || !window.DOMParser) {
    return;
  }
  var button = section.querySelector(".live-new-updates");
  var list = section.querySelector(".live-entries");
  var pollMs = Math.max(2, parseInt(section.dataset.livePollSeconds, 10) || 20) * 1000;
  var onMainPage = section.dataset.liveMain === "true";
  var timer = null;
  var latest = null; // the endpoint's last answer
  var busy = false;

  function shown() {
    return {
      revision: parseInt(section.dataset.liveRevision, 10) || 0,
      sequence: parseInt(section.dataset.liveSequence, 10) || 0
    };
  }

  function ended() {
    return section.dataset.liveEnded === "true";
  }

  function schedule() {
    window.clearTimeout(timer);
    if (!ended() && !document.hidden) {
      timer = window.setTimeout(poll, pollMs);
    }
  }

  function showEnded() {
    section.dataset.liveEnded = "true";
    window.clearTimeout(timer);
    var status = section.querySelector('[data-live-part="status"]');
    if (status && !status.querySelector(".live-ended")) {
      var notice = document.createElement("p");
      notice.className = "live-ended";
      notice.textContent = "This live coverage has ended";
      status.appendChild(notice);
    }
    var badge = section.querySelector(".live-badge");
    if (badge) {
      badge.remove();
    }
  }

  function offer(state) {
    var now = shown();
    var fresh = state.sequence - now.sequence;
    if (fresh > 0) {
      button.textContent = fresh === 1 ? "1 new update" : fresh + " new updates";
    } else if (state.revision > now.revision) {
      button.textContent = "Show the latest changes";
    } else {
      button.hidden = true;
      return;
    }
    button.hidden = false;
  }

  function poll() {
    // The browser revalidates with the ETag it was given: usually a 304 from the edge.
    fetch(section.dataset.liveUpdatesUrl, { cache: "no-cache", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("update endpoint: " + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        latest = state;
        offer(state);
        if (state.ended) {
          showEnded();
        }
      })
      .catch(function () {
        /* Offline or a hiccup: ask again next time. */
      })
      .then(schedule);
  }

  function entryId(item) {
    var entry = item.querySelector(".live-entry");
    return entry ? entry.id : "";
  }

  function mergeEntries(freshList) {
    // Keep the elements a reader may be reading; add new ones, replace changed ones, drop gone.
    var current = {};
    Array.prototype.forEach.call(list.children, function (item) {
      current[entryId(item)] = item;
    });
    var firstNew = null;
    var items = Array.prototype.map.call(freshList.children, function (item) {
      var old = current[entryId(item)];
      if (old && old.innerHTML === item.innerHTML) {
        return old;
      }
      var adopted = document.importNode(item, true);
      if (!old && !firstNew) {
        firstNew = adopted;
      }
      return adopted;
    });
    list.replaceChildren.apply(list, items);
    return firstNew;
  }

  function swapIn(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var freshSection = fresh.querySelector(".live-coverage");
    if (!freshSection) {
      return;
    }
    ["key-events", "pinned", "status", "pages"].forEach(function (part) {
      var here = section.querySelector('[data-live-part="' + part + '"]');
      var there = freshSection.querySelector('[data-live-part="' + part + '"]');
      if (here && there) {
        here.replaceChildren.apply(here, Array.prototype.map.call(there.childNodes, function (node) {
          return document.importNode(node, true);
        }));
      }
    });
    var firstNew = mergeEntries(freshSection.querySelector(".live-entries"));
    ["liveRevision", "liveSequence", "liveEnded"].forEach(function (name) {
      section.dataset[name] = freshSection.dataset[name];
    });
    button.hidden = true;
    var focusTarget = firstNew && firstNew.querySelector(".live-entry");
    if (focusTarget) {
      focusTarget.focus();
    }
    if (ended()) {
      showEnded();
    }
  }

  button.addEventListener("click", function () {
    if (!onMainPage) {
      // An older page or the oldest-first order: the new updates are on the main page.
      window.location.assign(section.dataset.livePageUrl);
      return;
    }
    if (busy) {
      return;
    }
    busy = true;
    button.setAttribute("aria-busy", "true");
    // Revalidated, like the endpoint: the page's stale-while-revalidate would otherwise let the
    // browser answer from its copy of the page as it was loaded, without the new updates.
    fetch(section.dataset.livePageUrl, { cache: "no-cache", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("live page: " + response.status);
        }
        return response.text();
      })
      .then(swapIn)
      .catch(function () {
        // Could not fetch it: a reload shows the same.
        window.location.reload();
      })
      .then(function () {
        busy = false;
        button.removeAttribute("aria-busy");
        if (latest) {
          offer(latest);
        }
      });
  });

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      window.clearTimeout(timer);
    } else if (!ended()) {
      poll();
    }
  });

  if (!ended()) {
    schedule();
  }
})();
