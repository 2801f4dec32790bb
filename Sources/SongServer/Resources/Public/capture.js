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

  // Singing: raw samples from an AudioWorklet, with the browser's voice processing off (it would bend the pitch
  // and cut quiet notes), sent as a 16-bit WAV file.
  let recording = null;
  const longest = 600;

  function wav(chunks, rate) {
    const count = chunks.reduce((n, c) => n + c.length, 0);
    const view = new DataView(new ArrayBuffer(44 + 2 * count));
    const text = (at, s) => { for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i)); };
    text(0, "RIFF"); view.setUint32(4, 36 + 2 * count, true); text(8, "WAVEfmt ");
    view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
    view.setUint32(24, rate, true); view.setUint32(28, 2 * rate, true); view.setUint16(32, 2, true); view.setUint16(34, 16, true);
    text(36, "data"); view.setUint32(40, 2 * count, true);
    let at = 44;
    for (const c of chunks) for (let i = 0; i < c.length; i++, at += 2) view.setInt16(at, Math.max(-1, Math.min(1, c[i])) * 32767, true);
    return new Blob([view.buffer], { type: "audio/wav" });
  }

  async function startSinging() {
    if (!navigator.mediaDevices || !window.AudioWorkletNode) {
      throw new Error("the browser gives the microphone only to a page on the laptop itself or over HTTPS (songbridge serve --tls)");
    }
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    const track = stream.getAudioTracks()[0];
    const settings = track.getSettings();
    const processed = ["echoCancellation", "noiseSuppression", "autoGainControl"].filter((k) => settings[k] === true);
    ear.dataset.processing = processed.join(" ");
    const context = new AudioContext();
    await context.audioWorklet.addModule("/public/take-recorder.js");
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, "take-recorder");
    const chunks = [];
    let samples = 0;
    node.port.onmessage = (event) => {
      chunks.push(event.data);
      samples += event.data.length;
      if (samples > longest * context.sampleRate) stopSinging();
    };
    source.connect(node);
    recording = { stream, context, node, chunks };
    singButton.textContent = "Stop";
    singButton.setAttribute("aria-pressed", "true");
    status.textContent = "Listening… press Stop at the end of the tune." +
      (processed.length ? " (This browser would not turn off " + processed.join(", ") + ": the notes may suffer.)" : "");
  }

  async function stopSinging() {
    if (!recording) return;
    const { stream, context, node, chunks } = recording;
    recording = null;
    stream.getTracks().forEach((t) => t.stop());
    node.port.onmessage = null;
    await context.close();
    singButton.textContent = "Sing or hum it";
    singButton.setAttribute("aria-pressed", "false");
    status.textContent = "Listening back for the notes…";
    const by = await person();
    const query = new URLSearchParams({ by });
    if (form.elements.section.value) query.set("section", form.elements.section.value);
    const heard = await send("POST", "/api/v1/songs/" + song + "/takes?" + query, wav(chunks, context.sampleRate), "audio/wav");
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
    if (!navigator.requestMIDIAccess) {
      throw new Error(window.isSecureContext ? "this browser has no Web MIDI" : "the browser gives MIDI only to a page on the laptop itself or over HTTPS (songbridge serve --tls)");
    }
    const access = await navigator.requestMIDIAccess();
    const inputs = [...access.inputs.values()];
    if (inputs.length === 0) throw new Error("no MIDI keyboard is connected");
    const held = new Map(), notes = [];
    let pedal = false;
    const sustained = new Set();
    const release = (key, at) => {
      const on = held.get(key);
      if (on === undefined) return;
      held.delete(key);
      notes.push({ pitch: key, on, off: at });
    };
    const listen = (event) => {
      const [statusByte, key, value] = event.data;
      const kind = statusByte & 0xf0, at = event.timeStamp;
      if (kind === 0x90 && value > 0) {
        if (held.has(key)) release(key, at);
        held.set(key, at);
      } else if (kind === 0x80 || (kind === 0x90 && value === 0)) {
        if (pedal) sustained.add(key); else release(key, at);
      } else if (kind === 0xb0 && key === 64) {
        pedal = value >= 64;
        if (!pedal) { for (const k of sustained) release(k, at); sustained.clear(); }
      }
    };
    for (const input of inputs) input.onmidimessage = listen;
    playing = { inputs, held, notes };
    keysButton.textContent = "Stop";
    keysButton.setAttribute("aria-pressed", "true");
    status.textContent = "Play the tune on the keyboard (" + inputs.map((i) => i.name).join(", ") + "), then press Stop.";
  }

  function stopPlaying() {
    const { inputs, held, notes } = playing;
    playing = null;
    for (const input of inputs) input.onmidimessage = null;
    const now = performance.now();
    for (const [key, on] of held) notes.push({ pitch: key, on, off: now });
    notes.sort((a, b) => a.on - b.on);
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
