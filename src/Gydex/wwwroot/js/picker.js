// Search-as-you-type pickers (data-picker): typing asks the server for at most 20 records the user may see; arrows,
// Enter and Escape work from the keyboard. Choosing fills the hidden id and the "shown" text; text typed without
// choosing is looked up by the server on save, so the form works without this script too.
(() => {
  const init = (root) => {
    if (root.hasAttribute("data-picker-ready")) return;
    root.setAttribute("data-picker-ready", "");
    const url = root.getAttribute("data-picker");
    const empty = root.getAttribute("data-picker-empty") || "—";
    const text = root.querySelector("[data-picker-text]");
    const id = root.querySelector("[data-picker-id]");
    const shown = root.querySelector("[data-picker-shown]");
    const list = root.querySelector("[role=listbox]");
    let items = [];
    let active = -1;
    let timer = 0;
    let asked = 0;

    const close = () => {
      list.hidden = true;
      text.setAttribute("aria-expanded", "false");
      text.removeAttribute("aria-activedescendant");
      active = -1;
    };

    const render = () => {
      const rows = items.map((item, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", i === active ? "true" : "false");
        li.setAttribute("data-pick", item.id);
        li.dataset.index = String(i);
        li.textContent = item.text;
        return li;
      });
      if (rows.length === 0) {
        const li = document.createElement("li");
        li.className = "picker-empty";
        li.textContent = empty;
        rows.push(li);
      }
      list.replaceChildren(...rows);
      list.hidden = false;
      text.setAttribute("aria-expanded", "true");
      if (active >= 0) {
        text.setAttribute("aria-activedescendant", `${list.id}-${active}`);
        list.children[active].scrollIntoView({ block: "nearest" });
      } else {
        text.removeAttribute("aria-activedescendant");
      }
    };

    const choose = (i) => {
      const item = items[i];
      if (!item) return;
      id.value = item.id;
      text.value = item.text;
      shown.value = item.text;
      close();
    };

    const search = async () => {
      const mine = ++asked;
      try {
        const response = await fetch(`${url}?q=${encodeURIComponent(text.value.trim())}`, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok || mine !== asked) return;
        const body = await response.json();
        if (mine !== asked || document.activeElement !== text) return;
        items = body.items || [];
        active = items.length > 0 ? 0 : -1;
        render();
      } catch {
        // Offline or signed out: the typed text is still looked up by the server on save.
      }
    };

    text.addEventListener("input", () => {
      if (text.value.trim() === "") {
        id.value = "";
        shown.value = "";
      }
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    text.addEventListener("keydown", (event) => {
      const open = !list.hidden;
      switch (event.key) {
        case "ArrowDown":
        case "ArrowUp":
          event.preventDefault();
          if (!open) {
            search();
            return;
          }
          if (items.length === 0) return;
          active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
          render();
          break;
        case "Enter":
          if (open && active >= 0) {
            event.preventDefault();
            choose(active);
          }
          break;
        case "Escape":
          if (open) {
            event.preventDefault();
            close();
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });
    text.addEventListener("click", () => {
      if (list.hidden) search();
    });
    text.addEventListener("blur", () => setTimeout(close, 150));
    // Press, not click: the text box keeps the focus, so the list is still there when the choice lands.
    list.addEventListener("mousedown", (event) => event.preventDefault());
    list.addEventListener("click", (event) => {
      const option = event.target.closest("[data-pick]");
      if (option) choose(Number(option.dataset.index));
    });
  };

  const start = () => document.querySelectorAll("[data-picker]").forEach(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
