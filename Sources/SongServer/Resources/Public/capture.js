// The capture page: add the person if new, capture the contribution, accept it, merge, and show the report.
(function () {
  const page = document.querySelector(".capture");
  if (!page) return;
  const form = page.querySelector("form");
  const report = page.querySelector(".report");
  const who = form.elements.by;
  const newcomer = form.querySelector(".newcomer");
  who.addEventListener("change", () => { newcomer.hidden = who.value !== "new"; });

  async function send(method, url, body) {
    const reply = await fetch(url, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const data = await reply.json();
    if (!reply.ok) throw new Error(data.error ? data.error.message : "the server refused (" + reply.status + ")");
    return data;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    report.textContent = "Saving…";
    try {
      let person = who.value;
      if (person === "new") {
        const added = await send("POST", "/api/v1/contributors", {
          name: form.elements.name.value, generation: form.elements.generation.value,
          consent: form.elements.consent.value, guardian: form.elements.guardian.checked,
        });
        person = added.id;
        who.add(new Option(form.elements.name.value || added.credit, person, true, true), who.options.length - 1);
        newcomer.hidden = true;
      }
      const song = page.dataset.song;
      const made = await send("POST", "/api/v1/songs/" + song + "/contributions", {
        by: [person], kind: form.elements.kind.value, payload: form.elements.payload.value, section: form.elements.section.value,
        session: form.elements.session && form.elements.session.value ? Number(form.elements.session.value) : null,
      });
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
      form.elements.payload.value = "";
    } catch (error) {
      // The words stay in the box either way, so nothing typed is lost.
      report.textContent = "Not saved: " + (error instanceof TypeError
        ? "the laptop could not be reached; the words are still here, press Add again" : error.message);
    } finally {
      button.disabled = false;
    }
  });
})();
