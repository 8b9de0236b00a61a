// Small progressive enhancements; every page works without them.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-toggle]");
  if (!toggle) return;
  const target = document.querySelector(toggle.getAttribute("data-toggle"));
  if (!target) return;
  const open = target.classList.toggle("open");
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
});

document.addEventListener("click", (event) => {
  const copy = event.target.closest("[data-copy]");
  if (!copy || !navigator.clipboard) return;
  const source = document.querySelector(copy.getAttribute("data-copy"));
  if (source) navigator.clipboard.writeText(source.textContent.trim());
});

document.addEventListener("submit", (event) => {
  const message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
});
