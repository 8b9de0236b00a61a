// The kanban board: dropping a card on a column submits the card's own move form (the server checks the right).
(() => {
  const board = document.querySelector("[data-board]");
  if (!board || board.getAttribute("data-may-move") !== "true") return;
  let dragged = null;
  board.addEventListener("dragstart", (event) => {
    dragged = event.target.closest("[data-deal]");
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-deal"));
    dragged.classList.add("dragging");
  });
  board.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    board.querySelectorAll(".column.over").forEach((c) => c.classList.remove("over"));
  });
  board.addEventListener("dragover", (event) => {
    const column = event.target.closest("[data-stage]");
    if (!column || !dragged) return;
    event.preventDefault();
    board.querySelectorAll(".column.over").forEach((c) => c !== column && c.classList.remove("over"));
    column.classList.add("over");
  });
  board.addEventListener("drop", (event) => {
    const column = event.target.closest("[data-stage]");
    if (!column || !dragged) return;
    event.preventDefault();
    const stage = column.getAttribute("data-stage");
    if (dragged.closest("[data-stage]") === column) return;
    const form = dragged.querySelector("[data-move-form]");
    form.querySelector("[data-move-stage]").value = stage;
    column.appendChild(dragged);
    form.submit();
  });
})();

// Lists: "all" ticks every row's box.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-check-all]");
  if (!all) return;
  document.querySelectorAll("input[data-row-check]").forEach((box) => { box.checked = all.checked; });
});
