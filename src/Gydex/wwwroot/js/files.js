// File storage: uploads with a progress bar per file, by choosing or by dropping files on the zone.
(() => {
  const zone = document.querySelector("[data-upload]");
  if (!zone) return;
  const input = zone.querySelector("[data-upload-input]");
  const list = zone.querySelector("[data-upload-list]");
  const token = zone.querySelector("input[name='__RequestVerificationToken']").value;
  const url = zone.getAttribute("data-url");

  function upload(file) {
    return new Promise((resolve) => {
      const item = document.createElement("li");
      item.setAttribute("data-upload-item", file.name);
      const label = document.createElement("span");
      label.textContent = file.name + " ";
      const bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      const status = document.createElement("span");
      status.setAttribute("data-upload-status", "");
      item.append(label, bar, status);
      list.append(item);
      const request = new XMLHttpRequest();
      request.open("POST", url + "&name=" + encodeURIComponent(file.name));
      // The header that AddAntiforgery names in WebModule (not ASP.NET's default).
      request.setRequestHeader("X-CSRF-TOKEN", token);
      request.setRequestHeader("Content-Type", "application/octet-stream");
      request.upload.addEventListener("progress", (e) => {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
        bar.setAttribute("data-percent", String(bar.value));
      });
      request.addEventListener("load", () => {
        if (request.status < 300) {
          bar.value = 100;
          bar.setAttribute("data-percent", "100");
          item.classList.add("done");
          status.textContent = " ✓";
        } else {
          item.classList.add("failed");
          let detail = request.statusText;
          try { detail = JSON.parse(request.responseText).detail || detail; } catch { /* not JSON */ }
          status.textContent = " " + detail;
        }
        resolve(request.status < 300);
      });
      request.addEventListener("error", () => { item.classList.add("failed"); status.textContent = " ✗"; resolve(false); });
      request.send(file);
    });
  }

  async function uploadAll(files) {
    let any = false;
    for (const file of files) any = (await upload(file)) || any;
    if (any) setTimeout(() => window.location.reload(), 600);
  }

  input.addEventListener("change", () => uploadAll(Array.from(input.files)));
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    uploadAll(Array.from(e.dataTransfer.files));
  });
})();
