// The task reminder of every page: fetched after the page has loaded and again every minute, so drawing a page never
// waits for it (the layout adds this script only for users who may see tasks).
(() => {
  const script = document.currentScript;
  const url = script && script.getAttribute("data-url");
  if (!url) return;
  const show = (body) => {
    let box = document.querySelector("[data-reminder]");
    if (!body || body.lines.length === 0) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "status");
      box.setAttribute("data-reminder", "");
      const main = document.querySelector("main") || document.body;
      main.prepend(box);
    }
    box.className = `alert ${body.overdue > 0 ? "error" : "warn"} reminder`;
    box.setAttribute("data-overdue", String(body.overdue));
    box.setAttribute("data-due-soon", String(body.dueSoon));
    const parts = body.lines.map((line) => {
      const span = document.createElement("span");
      span.textContent = line;
      return span;
    });
    const link = document.createElement("a");
    link.href = body.url;
    link.textContent = body.linkText;
    box.replaceChildren(...parts, link);
  };
  const load = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      const type = response.headers.get("Content-Type") || "";
      if (response.ok && type.includes("json")) show(await response.json());
    } catch {
      // Offline for a moment: the next minute tries again.
    }
  };
  const start = () => {
    load();
    setInterval(() => {
      if (!document.hidden) load();
    }, 60000);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
