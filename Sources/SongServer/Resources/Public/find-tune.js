// The find-a-tune page: a tune sung, hummed, played or typed is sent to POST /api/v1/search/tune and the hits are
// listed with their likeness and the bars they matched lit. Everything shown is set as text, never as markup.
(function () {
  const page = document.querySelector(".find-tune");
  if (!page) return;
  const status = page.querySelector(".find-status");
  const list = page.querySelector(".tune-hits");
  const singButton = page.querySelector(".sing");
  const keysButton = page.querySelector(".keys");
  const abcForm = page.querySelector(".by-abc");

  async function search(body, type) {
    status.textContent = "Looking…";
    list.replaceChildren();
    let reply;
    try {
      reply = await fetch("/api/v1/search/tune", { method: "POST", headers: { "Content-Type": type }, body });
    } catch (error) {
      status.textContent = "The laptop could not be reached; try again.";
      return;
    }
    const data = await reply.json();
    if (!reply.ok) { status.textContent = data.error ? data.error.message : "The search was refused (" + reply.status + ")."; return; }
    status.textContent = (data.hits.length ? data.hits.length + " tunes like it, from " + data.queryNotes + " notes." : "No tune like it among " + data.queryNotes + " notes.") +
      (data.close ? " The best are about as like it as each other: sing or play a few more notes to tell them apart." : "");
    for (const hit of data.hits) list.append(row(hit));
  }

  function row(hit) {
    const item = document.createElement("li");
    item.className = "hit " + hit.kind;
    item.dataset.similarity = hit.similarity;
    const name = document.createElement(hit.kind === "song" ? "a" : "span");
    name.className = "title";
    name.textContent = hit.title;
    if (hit.kind === "song") name.href = "/songs/" + hit.song.id;
    const where = document.createElement("span");
    where.className = "where";
    where.textContent = hit.kind === "song"
      ? " · " + [hit.song.place, hit.song.date].filter(Boolean).join(", ") + " · version " + hit.version + ", " + hit.section
      : " · " + hit.collection + (hit.number != null ? " no. " + hit.number : "");
    const score = document.createElement("span");
    score.className = "score";
    score.textContent = " · " + Math.round(hit.similarity * 100) + "% alike";
    const bars = document.createElement("span");
    bars.className = "bars";
    bars.setAttribute("aria-label", hit.firstBar === hit.lastBar ? "matched in bar " + hit.firstBar : "matched in bars " + hit.firstBar + " to " + hit.lastBar);
    const shown = Math.min(hit.barCount, 64);
    for (let b = hit.upbeat ? 0 : 1; b <= shown; b++) {
      const cell = document.createElement("span");
      cell.className = "bar" + (b >= hit.firstBar && b <= hit.lastBar ? " lit" : "");
      cell.textContent = b;
      cell.setAttribute("aria-hidden", "true");
      bars.append(cell);
    }
    item.append(name, where, score, bars);
    return item;
  }

  abcForm.addEventListener("submit", (event) => {
    event.preventDefault();
    search(JSON.stringify({ abc: abcForm.elements.abc.value }), "application/json");
  });

  let recording = null;
  singButton.addEventListener("click", async () => {
    try {
      if (!recording) {
        recording = await SongbridgeListen.microphone(() => singButton.click());
        singButton.textContent = "Stop and find";
        singButton.setAttribute("aria-pressed", "true");
        status.textContent = "Listening… press Stop at the end.";
        return;
      }
      const taken = recording;
      recording = null;
      singButton.textContent = "Sing or hum it";
      singButton.setAttribute("aria-pressed", "false");
      await search(await taken.stop(), "audio/wav");
    } catch (error) {
      recording = null;
      singButton.textContent = "Sing or hum it";
      singButton.setAttribute("aria-pressed", "false");
      status.textContent = "No tune: " + (error.name === "NotAllowedError" ? "the browser was not allowed the microphone" : error.message);
    }
  });

  let playing = null;
  keysButton.addEventListener("click", async () => {
    try {
      if (!playing) {
        playing = await SongbridgeListen.keyboard();
        keysButton.textContent = "Stop and find";
        keysButton.setAttribute("aria-pressed", "true");
        status.textContent = "Play it on the keyboard (" + playing.names.join(", ") + "), then press Stop.";
        return;
      }
      const notes = playing.stop();
      playing = null;
      keysButton.textContent = "Play it on a keyboard";
      keysButton.setAttribute("aria-pressed", "false");
      // Times in quarters at 60 a minute: only their ratios matter to the search.
      const first = notes.length ? notes[0].on : 0;
      await search(JSON.stringify({ notes: notes.slice(0, 500).map((n) => ({ pitch: n.pitch, start: Math.min(4000, (n.on - first) / 1000),
        length: Math.min(64, Math.max(1 / 24, (n.off - n.on) / 1000)) })) }), "application/json");
    } catch (error) {
      playing = null;
      keysButton.textContent = "Play it on a keyboard";
      keysButton.setAttribute("aria-pressed", "false");
      status.textContent = "No keyboard: " + error.message;
    }
  });
})();
