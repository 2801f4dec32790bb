// The capture page: add the person if new, capture the contribution, accept it, merge, and show the report.
// A tune may also be given by ear: sung or hummed into the microphone (recorded as raw PCM and sent as WAV), or
// played on a MIDI keyboard; the notes are shown, can be heard and put right, and are then saved like any line.
(function () {
  const page = document.querySelector(".capture");
  if (!page) return;
  const form = page.querySelector("form");
  const report = page.querySelector(".report");
  const who = form.elements.by;
  const newcomer = form.querySelector(".newcomer");
  const song = page.dataset.song;
  who.addEventListener("change", () => { newcomer.hidden = who.value !== "new"; });

  async function send(method, url, body, type) {
    const options = { method, headers: { "Content-Type": type || "application/json" }, body: type ? body : JSON.stringify(body) };
    const reply = await fetch(url, options);
    const data = await reply.json();
    if (!reply.ok) throw new Error(data.error ? data.error.message : "the server refused (" + reply.status + ")");
    return data;
  }

  function explain(error) {
    return error instanceof TypeError ? "the laptop could not be reached; nothing is lost, try again" : error.message;
  }

  // The chosen person's id, adding them first when they are new.
  async function person() {
    if (who.value !== "new") return who.value;
    const added = await send("POST", "/api/v1/contributors", {
      name: form.elements.name.value, generation: form.elements.generation.value,
      consent: form.elements.consent.value, guardian: form.elements.guardian.checked,
    });
    who.add(new Option(form.elements.name.value || added.credit, added.id, true, true), who.options.length - 1);
    newcomer.hidden = true;
    return added.id;
  }

  function session() {
    return form.elements.session && form.elements.session.value ? Number(form.elements.session.value) : null;
  }

  // Accepts a new contribution, merges, and shows the report.
  async function acceptAndMerge(made) {
    await send("PATCH", "/api/v1/contributions/" + made.id, { status: "accepted" });
    const merged = await send("POST", "/api/v1/songs/" + song + "/merge", {});
    report.replaceChildren();
    const head = document.createElement("p");
    head.textContent = "Merged into version " + merged.version + (merged.conflicts.length ? ", with things to look at:" : ".");
    report.append(head);
    for (const conflict of merged.conflicts) {
      const item = document.createElement("p");
      item.className = "conflict";
      item.textContent = conflict;
      report.append(item);
    }
    report.dataset.version = merged.version;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    report.textContent = "Saving…";
    try {
      const by = await person();
      const made = await send("POST", "/api/v1/songs/" + song + "/contributions", {
        by: [by], kind: form.elements.kind.value, payload: form.elements.payload.value, section: form.elements.section.value, session: session(),
      });
      await acceptAndMerge(made);
      form.elements.payload.value = "";
    } catch (error) {
      // The words stay in the box either way, so nothing typed is lost.
      report.textContent = "Not saved: " + (error instanceof TypeError
        ? "the laptop could not be reached; the words are still here, press Add again" : error.message);
    } finally {
      button.disabled = false;
    }
  });

  // ---- A tune from notation software: the file is sent as it is; the server reads it (or says what is wrong). ----
  const scoreButton = form.querySelector(".send-score");
  if (scoreButton) scoreButton.addEventListener("click", async () => {
    const file = form.elements.score.files[0];
    if (!file) { report.textContent = "Choose a MusicXML file first."; return; }
    scoreButton.disabled = true;
    report.textContent = "Reading the score…";
    try {
      const by = await person();
      const compressed = /\.mxl$/i.test(file.name);
      let url = "/api/v1/songs/" + song + "/musicxml?by=" + encodeURIComponent(by) + "&section=" + encodeURIComponent(form.elements.section.value);
      if (session()) url += "&session=" + session();
      const made = await send("POST", url, file, compressed ? "application/vnd.recordare.musicxml" : "application/vnd.recordare.musicxml+xml");
      await acceptAndMerge(made);
      const note = document.createElement("p");
      note.textContent = "From the score: " + made.notes + " notes" + (made.skipped.length ? " (" + made.skipped.join("; ") + ")" : "") + ".";
      report.prepend(note);
      form.elements.score.value = "";
    } catch (error) {
      report.textContent = "Not saved: " + explain(error);
    } finally {
      scoreButton.disabled = false;
    }
  });

  // ---- A tune by ear ----
  const ear = form.querySelector(".by-ear");
  if (!ear) return;
  const status = ear.querySelector(".ear-status");
  const check = ear.querySelector(".tune-check");
  const roll = ear.querySelector(".roll");
  const singButton = ear.querySelector(".sing");
  const keysButton = ear.querySelector(".keys");
  // Below this confidence a note is marked doubtful (the server's rule, given with the page).
  const doubtful = Number(ear.dataset.doubtful);
  // The tune being checked: its time, its notes (pitch, start and length in quarter notes, confidence) and take.
  let tune = null;
  let chosen = -1;
  const names = ["C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"];
  const noteName = (p) => names[p % 12] + (Math.floor(p / 12) - 1);

  function showTune() {
    roll.replaceChildren();
    check.hidden = !tune || tune.notes.length === 0;
    if (check.hidden) return;
    const pitches = tune.notes.map((n) => n.pitch);
    const low = Math.min(...pitches) - 2, high = Math.max(...pitches) + 2;
    const end = Math.max(...tune.notes.map((n) => n.start + n.length));
    tune.notes.forEach((n, i) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "note" + (n.confidence < doubtful ? " doubtful" : "");
      b.dataset.pitch = n.pitch;
      b.style.left = (100 * n.start / end) + "%";
      b.style.width = (100 * n.length / end) + "%";
      b.style.bottom = (100 * (n.pitch - low) / (high - low + 1)) + "%";
      const beats = n.length === 1 ? "1 beat" : (Math.round(n.length * 100) / 100) + " beats";
      b.setAttribute("aria-label", noteName(n.pitch) + ", " + beats + (n.confidence < doubtful ? ", doubtful" : ""));
      b.setAttribute("aria-pressed", String(i === chosen));
      b.addEventListener("click", () => { chosen = i; showTune(); });
      roll.append(b);
    });
  }

  ear.querySelector(".nudge").addEventListener("click", (event) => {
    const what = event.target.dataset && event.target.dataset.nudge;
    if (!what || !tune || chosen < 0 || chosen >= tune.notes.length) return;
    const n = tune.notes[chosen];
    // A note a person has put right is no longer in doubt.
    if (what === "up") n.pitch = Math.min(127, n.pitch + 1);
    if (what === "down") n.pitch = Math.max(0, n.pitch - 1);
    if (what === "longer") n.length += 0.25;
    if (what === "shorter") n.length = Math.max(0.25, n.length - 0.25);
    if (what === "remove") { tune.notes.splice(chosen, 1); chosen = Math.min(chosen, tune.notes.length - 1); }
    else n.confidence = 1;
    showTune();
  });

  ear.querySelector(".play-tune").addEventListener("click", () => {
    if (!tune) return;
    const context = new AudioContext();
    const quarter = 60 / tune.tempo;
    const t0 = context.currentTime + 0.1;
    for (const n of tune.notes) {
      const osc = context.createOscillator(), gain = context.createGain();
      osc.type = "triangle";
      osc.frequency.value = 440 * Math.pow(2, (n.pitch - 69) / 12);
      const on = t0 + n.start * quarter, off = on + n.length * quarter * 0.95;
      gain.gain.setValueAtTime(0, on);
      gain.gain.linearRampToValueAtTime(0.3, on + 0.02);
      gain.gain.setValueAtTime(0.3, Math.max(on + 0.02, off - 0.05));
      gain.gain.linearRampToValueAtTime(0, off);
      osc.connect(gain).connect(context.destination);
      osc.start(on);
      osc.stop(off + 0.01);
    }
  });

  ear.querySelector(".save-tune").addEventListener("click", async () => {
    if (!tune || tune.notes.length === 0) return;
    status.textContent = "Saving the tune…";
    try {
      const by = await person();
      const made = await send("POST", "/api/v1/songs/" + song + "/contributions", {
        by: [by], kind: "melody", section: form.elements.section.value, session: session(), take: tune.take || null,
        tune: { tempo: tune.tempo, meter: tune.meter, key: tune.key || null, upbeat: tune.upbeat,
                notes: tune.notes.map((n) => ({ pitch: n.pitch, start: n.start, length: n.length })) },
      });
      await acceptAndMerge(made);
      status.textContent = "The tune is saved.";
      tune = null;
      showTune();
    } catch (error) {
      // The notes stay on the page, so nothing is lost.
      status.textContent = "Not saved: " + explain(error);
    }
  });

  // Singing, through listen.js's microphone.
  let recording = null;

  async function startSinging() {
    recording = await SongbridgeListen.microphone(() => stopSinging());
    ear.dataset.processing = recording.processed.join(" ");
    singButton.textContent = "Stop";
    singButton.setAttribute("aria-pressed", "true");
    status.textContent = "Listening… press Stop at the end of the tune." +
      (recording.processed.length ? " (This browser would not turn off " + recording.processed.join(", ") + ": the notes may suffer.)" : "");
  }

  async function stopSinging() {
    if (!recording) return;
    const taken = recording;
    recording = null;
    const take = await taken.stop();
    singButton.textContent = "Sing or hum it";
    singButton.setAttribute("aria-pressed", "false");
    status.textContent = "Listening back for the notes…";
    const by = await person();
    const query = new URLSearchParams({ by });
    if (form.elements.section.value) query.set("section", form.elements.section.value);
    const heard = await send("POST", "/api/v1/songs/" + song + "/takes?" + query, take, "audio/wav");
    tune = heard;
    chosen = -1;
    const unsure = heard.notes.filter((n) => n.confidence < doubtful).length;
    status.textContent = heard.notes.length + " notes heard" + (unsure ? ", " + unsure + " of them doubtful (marked)" : "") + ". Check them, then save.";
    showTune();
  }

  singButton.addEventListener("click", async () => {
    try {
      if (recording) await stopSinging(); else await startSinging();
    } catch (error) {
      recording = null;
      singButton.textContent = "Sing or hum it";
      singButton.setAttribute("aria-pressed", "false");
      status.textContent = "No tune: " + (error.name === "NotAllowedError" ? "the browser was not allowed the microphone" : explain(error));
    }
  });

  // A keyboard, through Web MIDI: each note's press and release times, placed in the song's time on a grid of
  // sixteenths (the server quantises it again when it is saved, as it does any tune).
  let playing = null;

  function place(events, tempo) {
    const quarter = 60000 / tempo;
    const first = events.length ? events[0].on : 0;
    const grid = (ms) => Math.round(ms / quarter * 4) / 4;
    return events.map((e) => ({ pitch: e.pitch, start: grid(e.on - first), length: Math.max(0.25, grid(e.off - e.on)), confidence: 1 }));
  }

  async function startPlaying() {
    playing = await SongbridgeListen.keyboard();
    keysButton.textContent = "Stop";
    keysButton.setAttribute("aria-pressed", "true");
    status.textContent = "Play the tune on the keyboard (" + playing.names.join(", ") + "), then press Stop.";
  }

  function stopPlaying() {
    const notes = playing.stop();
    playing = null;
    keysButton.textContent = "Play it on a keyboard";
    keysButton.setAttribute("aria-pressed", "false");
    const tempo = Number(ear.dataset.tempo) || 100;
    tune = { tempo, meter: ear.dataset.meter || "4/4", key: ear.dataset.key || null, upbeat: 0, take: null, notes: place(notes, tempo) };
    chosen = -1;
    status.textContent = tune.notes.length ? tune.notes.length + " notes played. Check them, then save." : "No notes were played.";
    showTune();
  }

  keysButton.addEventListener("click", async () => {
    try {
      if (playing) stopPlaying(); else await startPlaying();
    } catch (error) {
      playing = null;
      keysButton.textContent = "Play it on a keyboard";
      keysButton.setAttribute("aria-pressed", "false");
      status.textContent = "No keyboard: " + explain(error);
    }
  });
})();
