// Quiz attempts: keep answers on every change (so a closed tab loses nothing) and
// show the time left, announcing it to screen readers only at a few thresholds.
(function () {
  "use strict";
  const form = document.querySelector("form[data-autosave-url]");
  if (!form) return;
  const status = form.querySelector("[data-autosave-status]");
  // Messages come translated from the template's data-msg-* attributes.
  const text = (key) => form.dataset["msg" + key[0].toUpperCase() + key.slice(1)];
  const say = (message) => { if (status) status.textContent = message; };

  let pending = null;
  async function save() {
    say(text("saving"));
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const data = await response.json();
      if (response.ok) {
        say(text("saved"));
      } else {
        say(data.error || text("failed"));
        if (response.status === 409) window.location.reload();
      }
    } catch (error) {
      say(text("failed"));
    }
  }
  form.addEventListener("change", () => {
    clearTimeout(pending);
    pending = setTimeout(save, 400);
  });

  const timer = document.querySelector("[data-deadline]");
  if (!timer) return;
  const value = timer.querySelector(".timer__value");
  const announcer = document.querySelector("[data-timer-announcer]");
  const deadline = Date.parse(timer.dataset.deadline);
  const thresholds = [10, 5, 1];
  const announced = new Set();
  function tick() {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, "0");
    value.textContent = `${minutes}:${seconds}`;
    for (const threshold of thresholds) {
      if (left <= threshold * 60 && left > threshold * 60 - 5 && !announced.has(threshold)) {
        announced.add(threshold);
        announcer.textContent = threshold === 1
          ? announcer.dataset.msgOne
          : announcer.dataset.msgMany.replace("__N__", threshold);
      }
    }
    if (left === 0) {
      form.requestSubmit();
      return;
    }
    setTimeout(tick, 1000);
  }
  tick();
})();
