// The song page's player: asks the server for a render, shows its progress, then plays it.
// Hand-written, no libraries, so the page works offline.
(function () {
  const box = document.querySelector(".listen");
  if (!box) return;
  const button = box.querySelector("button.render");
  const status = box.querySelector(".progress");
  const audio = box.querySelector("audio");
  const speed = box.querySelector("select[name=tempoScale]");

  async function render() {
    button.disabled = true;
    status.textContent = "Asking for the draft…";
    try {
      const asked = await fetch("/api/v1/songs/" + box.dataset.song + "/renders", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ format: "flac", tempoScale: Number(speed.value) }),
      });
      let job = await asked.json();
      if (!asked.ok) throw new Error(job.error ? job.error.message : "the server refused");
      while (job.status === "queued" || job.status === "rendering") {
        status.textContent = "Rendering " + Math.round(job.progress * 100) + "%";
        await new Promise((done) => setTimeout(done, 300));
        job = await (await fetch("/api/v1/renders/" + job.id)).json();
      }
      if (job.status !== "done") throw new Error(job.error || "the render failed");
      status.textContent = "Ready";
      audio.src = job.audio;
      audio.play().catch(() => { status.textContent = "Ready: press play"; });
    } catch (error) {
      status.textContent = "Could not make the audio: " + error.message;
    } finally {
      button.disabled = false;
    }
  }
  button.addEventListener("click", render);
  // What the player is doing, on the page for assistive tools and for the browser test.
  audio.addEventListener("loadedmetadata", () => { box.dataset.duration = audio.duration.toFixed(1); });
  audio.addEventListener("timeupdate", () => { box.dataset.position = audio.currentTime.toFixed(1); });
  // A link ending in #listen (a QR code on the song sheet, say) makes the draft straight away.
  if (location.hash === "#listen") render();
})();
