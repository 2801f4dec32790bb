// The song page: asks the server for a render, shows its progress, plays it, and lights up the words as they
// are sung (the line, and within it the syllables sung so far). Hand-written, no libraries, so it works offline.
(function () {
  const box = document.querySelector(".listen");
  if (!box) return;
  const button = box.querySelector("button.render");
  const status = box.querySelector(".progress");
  const audio = box.querySelector("audio");
  const speed = box.querySelector("select[name=tempoScale]");
  const key = box.querySelector("select[name=key]");
  const fit = box.querySelector("select[name=fit]");
  const lift = box.querySelector("input[name=lift]");
  const saveAs = box.querySelector(".saveas");
  const song = box.dataset.song;
  let cues = [];        // [{at, section, line, syllables: [{at, text}]}] for the audio now loaded
  // On the laptop that serves the songs the bytes cost nothing, so the player asks for WAV, the quickest to make
  // (a three-minute draft in well under a second); a tablet across the room asks for FLAC, half the size.
  const here = ["127.0.0.1", "localhost", "[::1]", "::1"].includes(location.hostname);
  const playFormat = here ? "wav" : "flac";
  let lit = null;       // the line element lit now

  // A key and a choice of voices are two ways to say where the song sits: choosing one clears the other.
  // Once the draft has been heard, a new speed, key or choice of voices asks for a new render at once.
  const again = () => { if (audio.getAttribute("src")) listen(); };
  key.addEventListener("change", () => { if (key.value) fit.value = ""; again(); redraw(); });
  fit.addEventListener("change", () => { if (fit.value) key.value = ""; again(); redraw(); });

  // The notation follows the key chosen: each section's tune drawn again by the server in that key (the drawing
  // holds only notation; the server checks it before sending).
  let drawing = 0;
  async function redraw() {
    const figures = document.querySelectorAll("figure.notation[data-index]");
    const asked = ++drawing;
    const where = key.value ? "&key=" + encodeURIComponent(key.value) : fit.value ? "&fit=" + encodeURIComponent(fit.value) : "";
    for (const figure of figures) {
      try {
        const r = await fetch("/api/v1/songs/" + song + "/notation?section=" + figure.dataset.index + where);
        if (!r.ok || asked !== drawing) continue;
        const svg = await r.text();
        if (asked === drawing && svg.startsWith("<svg")) figure.innerHTML = svg;
      } catch (e) { /* the drawing in the page stays */ }
    }
    if (asked === drawing) document.body.dataset.notationKey = key.value || fit.value || "";
    // The large-print sheet in the same key.
    const sheet = document.querySelector("a.large-print");
    if (sheet) sheet.href = "/songs/" + song + "/print" + (key.value ? "?key=" + encodeURIComponent(key.value) : "");
  }
  speed.addEventListener("change", again);
  // The last chorus a semitone up: a lift that older voices can still reach.
  lift.addEventListener("change", again);

  function options(format) {
    const asked = { format: format, tempoScale: Number(speed.value) };
    if (key.value) asked.key = key.value;
    if (fit.value) asked.fit = fit.value;
    if (lift.checked) asked.liftLastChorus = 1;
    return asked;
  }

  // Asks for a render; returns the job as the server first answers (queued, rendering or already done).
  async function askForRender(format) {
    const asked = await fetch("/api/v1/songs/" + song + "/renders", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(options(format)),
    });
    const job = await asked.json();
    if (!asked.ok) throw new Error(job.error ? job.error.message : "the server refused");
    return job;
  }

  // Follows a job until it is done, showing its progress; returns the finished job.
  async function untilDone(job) {
    while (job.status === "queued" || job.status === "rendering") {
      status.textContent = "Rendering " + Math.round(job.progress * 100) + "%";
      await new Promise((done) => setTimeout(done, 250));
      job = await (await fetch("/api/v1/renders/" + job.id)).json();
    }
    if (job.status !== "done") throw new Error(job.error || "the render failed");
    return job;
  }

  async function renderJob(format) { return untilDone(await askForRender(format)); }

  // The draft plays from its stream while it is made (the words' timings come with the job, before the audio).
  // A stream cannot be sought in, so once the file is done a seek, or the stream's end, moves the player to the
  // file at the same moment of the song.
  let finished = null;
  function toFile(play) {
    if (!finished || audio.getAttribute("src") === finished) return;
    const at = audio.ended ? 0 : audio.currentTime;
    // The element loads nothing ahead ("none"); the file's length is needed at once, so a seek lands (and lights its
    // line) while the player is paused.
    audio.preload = "metadata";
    audio.src = finished;
    audio.currentTime = at;
    if (play) audio.play().catch(() => {});
  }
  audio.addEventListener("seeking", () => { if (finished && audio.getAttribute("src") !== finished) toFile(!audio.paused); });
  audio.addEventListener("ended", () => toFile(false));
  // A seek outside what the stream has brought is refused by the player without a word (no "seeking"), so a paused
  // player moves to the file as soon as it is done, or when it is paused after that: a seek then always works.
  audio.addEventListener("pause", () => { if (!audio.ended) toFile(false); });

  function offerSave(job) {
    saveAs.hidden = false;
    const save = saveAs.querySelector("a.save");
    save.href = job.audio + "?download=true";
    save.textContent = playFormat.toUpperCase();
  }

  async function listen() {
    button.disabled = true;
    status.textContent = "Asking for the draft…";
    finished = null;
    try {
      let job = await askForRender(playFormat);
      cues = job.lines || [];
      if (job.stream) {
        audio.src = job.stream;
        audio.play().catch(() => { status.textContent = "Press play to hear it as it is made"; });
        job = await untilDone(job);
        finished = job.audio;
        if (audio.ended || audio.error || audio.paused) toFile(false);
      } else {
        audio.src = job.audio;
        audio.play().catch(() => { status.textContent = "Ready: press play"; });
      }
      status.textContent = "Ready";
      offerSave(job);
    } catch (error) {
      // A render that fails part-way stops its stream short: the player stops, and the page says why.
      if (audio.getAttribute("src") && audio.getAttribute("src").endsWith("/stream")) { audio.pause(); audio.removeAttribute("src"); audio.load(); }
      status.textContent = "Could not make the audio: " + error.message;
    } finally {
      button.disabled = false;
    }
  }
  button.addEventListener("click", listen);

  // Audio downloads: render in that format with the chosen speed and key, then fetch it as a file.
  for (const link of document.querySelectorAll(".downloads a.audio")) {
    link.addEventListener("click", async (event) => {
      event.preventDefault();
      try {
        const job = await renderJob(link.dataset.format);
        status.textContent = "Downloading " + link.dataset.format.toUpperCase();
        location.href = job.audio + "?download=true";
      } catch (error) {
        status.textContent = "Could not make the audio: " + error.message;
      }
    });
  }

  // --- Following the words ---

  function lineElement(cue) {
    const section = [...document.querySelectorAll(".words section[data-section]")].find((s) => s.dataset.section === cue.section);
    return section ? section.querySelector('.line[data-line="' + cue.line + '"]') : null;
  }

  // The line's text nodes, without the chord names above the words.
  function wordNodes(line) {
    const nodes = [];
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest(".chord") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  // How many characters of the line's words the sung syllables cover: each syllable's letters are found in
  // order in the words, so hyphens, punctuation and spaces are passed over.
  function sungLength(text, syllables) {
    let at = 0;
    for (const s of syllables) {
      for (const ch of s.text.toLowerCase()) {
        if (!/\p{L}/u.test(ch)) continue;
        const found = text.toLowerCase().indexOf(ch, at);
        if (found < 0) return at;
        at = found + 1;
      }
    }
    return at;
  }

  function showSung(line, syllables) {
    const nodes = wordNodes(line);
    const text = nodes.map((n) => n.data).join("");
    let left = sungLength(text, syllables);
    line.dataset.sung = text.slice(0, left);
    if (!(window.CSS && CSS.highlights && window.Highlight)) return;
    if (left === 0 || nodes.length === 0) { CSS.highlights.delete("sung"); return; }
    const range = document.createRange();
    range.setStart(nodes[0], 0);
    for (const n of nodes) {
      if (left <= n.data.length) { range.setEnd(n, left); break; }
      left -= n.data.length;
      range.setEnd(n, n.data.length);
    }
    CSS.highlights.set("sung", new Highlight(range));
  }

  function follow() {
    const t = audio.currentTime;
    let cue = null;
    for (const c of cues) { if (c.at <= t + 0.05) cue = c; else break; }
    const line = cue ? lineElement(cue) : null;
    if (line !== lit) {
      if (lit) { lit.classList.remove("now"); lit.removeAttribute("aria-current"); }
      lit = line;
      if (line) {
        line.classList.add("now");
        line.setAttribute("aria-current", "true");
        line.scrollIntoView({ block: "center", behavior: "smooth" });
      }
      box.dataset.line = cue ? cue.section + "#" + cue.line : "";
    }
    if (line && cue.syllables.length) showSung(line, cue.syllables.filter((s) => s.at <= t + 0.05));
  }

  let frame = 0;
  function tick() { follow(); frame = audio.paused ? 0 : requestAnimationFrame(tick); }
  audio.addEventListener("play", () => { if (!frame) frame = requestAnimationFrame(tick); });
  audio.addEventListener("seeked", follow);
  audio.addEventListener("timeupdate", follow);
  // When the player moves from the stream to the finished file, the line lit follows where the file starts.
  audio.addEventListener("loadedmetadata", follow);
  // What the player is doing, on the page for assistive tools and for the browser test.
  audio.addEventListener("loadedmetadata", () => { box.dataset.duration = audio.duration.toFixed(1); });
  audio.addEventListener("timeupdate", () => { box.dataset.position = audio.currentTime.toFixed(1); });

  // --- Versions and what changed, fetched when opened ---
  // (Not named `history`: that would hide window.history, which the big-words view uses.)
  const historyBox = document.querySelector("details.history");
  if (historyBox) {
    historyBox.addEventListener("toggle", async () => {
      const list = historyBox.querySelector("ol.versions");
      if (!historyBox.open || list.childElementCount) return;
      const found = await (await fetch("/api/v1/songs/" + song + "/versions")).json();
      for (const v of found) {
        const item = document.createElement("li");
        // A version that joined branches (merged apart on laptops, then merged again) says which it joined.
        const parents = v.parents || [];
        item.textContent = "Version " + v.number + ", " + v.createdAt.slice(0, 10) +
          (parents.length > 1 ? ", joining versions " + parents.join(" and ") :
           parents.length === 1 && parents[0] !== v.number - 1 ? ", built on version " + parents[0] : "");
        const changes = document.createElement("ul");
        for (const c of v.changes || []) {
          const change = document.createElement("li");
          change.className = c.kind;
          change.textContent = (c.kind === "added" ? "Added " : c.kind === "removed" ? "Removed " : "Changed ") +
            c.place + ": " + c.what + (c.by.length ? " (" + c.by.join(", ") + ")" : "");
          changes.appendChild(change);
        }
        item.appendChild(changes);
        list.appendChild(item);
      }
    });
  }

  // --- Big words for the room: the words very large on a screen or projector, the chords and the rest out of the
  // way, the line being sung bright and the others dimmed. Kept in the address (#big), so a reload keeps it.
  const big = box.querySelector("button.big");
  function showBig(on) {
    document.body.classList.toggle("big", on);
    big.setAttribute("aria-pressed", on ? "true" : "false");
    big.textContent = on ? "Normal view" : "Big words for the room";
    window.history.replaceState(null, "", on ? "#big" : location.pathname + location.search);
    const now = document.querySelector(".line.now");
    if (now) now.scrollIntoView({ block: "center" });
  }
  big.addEventListener("click", () => showBig(!document.body.classList.contains("big")));
  if (location.hash === "#big") showBig(true);

  // --- A new draft merged while the page is open (a line added from a tablet, say) ---
  // Every few seconds, while the page can be seen, the page asks which version is newest; when one is newer
  // than the page, it says so and offers to show it. It never reloads by itself: the room may be singing.
  const newer = document.querySelector(".newer");
  const shown = Number(box.dataset.version || 0);
  async function watch() {
    if (document.visibilityState !== "visible" || !newer.hidden) return;
    try {
      const answer = await fetch("/api/v1/songs/" + song + "/latest", { cache: "no-store" });
      if (!answer.ok) return;
      const latest = await answer.json();
      if (latest.version > shown) {
        newer.hidden = false;
        newer.dataset.version = latest.version;
      }
    } catch (error) { /* the laptop may be out of reach for a moment; ask again later */ }
  }
  if (newer && shown) {
    setInterval(watch, 5000);
    document.addEventListener("visibilitychange", watch);
    newer.querySelector("button.reload").addEventListener("click", () => location.reload());
  }

  // A link ending in #listen (a QR code on the song sheet, say) makes the draft straight away.
  if (location.hash === "#listen") listen();
})();
