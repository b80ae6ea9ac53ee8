// Sign in: the service checks the key and keeps it in an HttpOnly, SameSite=Strict cookie.
"use strict";
document.getElementById("sign-in").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const key = document.getElementById("api-key").value.trim();
  const res = await fetch("/session", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ key }) });
  if (res.ok) {
    window.location.assign("/");
    return;
  }
  let message = "HTTP " + res.status;
  try { const p = await res.json(); message = p.detail || p.title || message; } catch (e) { /* not problem details */ }
  document.getElementById("error").textContent = message;
  document.getElementById("api-key").value = "";
});
