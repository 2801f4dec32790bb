// Signs this browser in: the server checks the token and sets a same-site cookie, then we go on.
(function () {
  const form = document.querySelector("form.sign-in");
  if (!form) return;
  const report = document.querySelector(".facilitator .report");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const reply = await fetch("/api/v1/facilitator", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ token: form.elements.token.value.trim() }),
    });
    if (reply.ok) { location.href = form.dataset.next || "/"; return; }
    const body = await reply.json().catch(() => ({}));
    report.textContent = body.error ? body.error.message : "Not signed in (" + reply.status + ")";
  });
})();
