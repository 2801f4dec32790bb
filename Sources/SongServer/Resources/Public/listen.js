// Hearing a tune in the browser, for the capture page and the find-a-tune page: the microphone as raw samples from
// an AudioWorklet (with the browser's voice processing off: it would bend the pitch and cut quiet notes), sent as a
// 16-bit WAV file; and a MIDI keyboard through Web MIDI, each note's press and release times.
window.SongbridgeListen = (function () {
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

  // Starts listening; `tooLong` is called once the take passes ten minutes. Gives the processing the browser would
  // not turn off, and stop(), which gives the take as a WAV blob.
  async function microphone(tooLong) {
    if (!navigator.mediaDevices || !window.AudioWorkletNode) {
      throw new Error("the browser gives the microphone only to a page on the laptop itself or over HTTPS (songbridge serve --tls)");
    }
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    const settings = stream.getAudioTracks()[0].getSettings();
    const processed = ["echoCancellation", "noiseSuppression", "autoGainControl"].filter((k) => settings[k] === true);
    const context = new AudioContext();
    await context.audioWorklet.addModule("/public/take-recorder.js");
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, "take-recorder");
    const chunks = [];
    let samples = 0;
    node.port.onmessage = (event) => {
      chunks.push(event.data);
      samples += event.data.length;
      if (samples > longest * context.sampleRate && tooLong) { const once = tooLong; tooLong = null; once(); }
    };
    source.connect(node);
    return {
      processed,
      async stop() {
        stream.getTracks().forEach((t) => t.stop());
        node.port.onmessage = null;
        await context.close();
        return wav(chunks, context.sampleRate);
      },
    };
  }

  // Starts listening to every MIDI keyboard; gives their names and stop(), which gives the notes played
  // ({pitch, on, off} in milliseconds, by onset), the sustain pedal holding notes as a player hears them.
  async function keyboard() {
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
    return {
      names: inputs.map((i) => i.name),
      stop() {
        for (const input of inputs) input.onmidimessage = null;
        const now = performance.now();
        for (const [key, on] of held) notes.push({ pitch: key, on, off: now });
        notes.sort((a, b) => a.on - b.on);
        return notes;
      },
    };
  }

  return { wav, microphone, keyboard };
})();
