// People and their consent: a change is saved at once (withdrawal asks first) and the public credit shown again.
(function () {
  const page = document.querySelector(".people");
  if (!page) return;
  const report = page.querySelector(".report");
  for (const row of page.querySelectorAll("tr[data-id]")) {
    const consent = row.querySelector("select[name=consent]");
    const guardian = row.querySelector("input[name=guardian]");
    let saved = consent.value;
    async function save() {
      if (consent.value === "withdrawn" && saved !== "withdrawn" &&
          !confirm(row.dataset.name + " withdraws: their words and music leave every public page and export. Go on?")) {
        consent.value = saved;
        return;
      }
      const body = { consent: consent.value };
      if (guardian) body.guardian = guardian.checked;
      try {
        const reply = await fetch("/api/v1/contributors/" + encodeURIComponent(row.dataset.id), {
          method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
        });
        const data = await reply.json();
        if (!reply.ok) throw new Error(data.error ? data.error.message : "the server refused (" + reply.status + ")");
        saved = consent.value;
        row.querySelector(".credit-now").textContent = data.credit || "not credited";
        report.textContent = "Saved: " + row.dataset.name + " is " + (data.credit ? "credited as " + data.credit : "not credited") + ".";
      } catch (error) {
        consent.value = saved;
        report.textContent = "Not saved: " + (error instanceof TypeError ? "the laptop could not be reached; try again" : error.message);
      }
    }
    const erase = row.querySelector("button.erase-takes");
    if (erase) erase.addEventListener("click", async () => {
      if (!confirm("Erase every recording of " + row.dataset.name + "'s voice? The tunes written down from them stay.")) return;
      try {
        const reply = await fetch("/api/v1/contributors/" + encodeURIComponent(row.dataset.id) + "/erase-takes", {
          method: "POST", headers: { "Content-Type": "application/json" }, body: "{}",
        });
        const data = await reply.json();
        if (!reply.ok) throw new Error(data.error ? data.error.message : "the server refused (" + reply.status + ")");
        const cell = row.querySelector(".takes");
        cell.dataset.takes = "0";
        cell.textContent = "none";
        report.textContent = "Erased " + data.erased + " recording" + (data.erased === 1 ? "" : "s") + " of " + row.dataset.name + ".";
      } catch (error) {
        report.textContent = "Not erased: " + (error instanceof TypeError ? "the laptop could not be reached; try again" : error.message);
      }
    });
    consent.addEventListener("change", save);
    if (guardian) guardian.addEventListener("change", save);
  }
})();
