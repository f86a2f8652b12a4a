// Renderer entry. A placeholder until the app issue brings the Vue 3 UI.
const root = document.getElementById('app');
if (root) root.textContent = 'Sweeplab — the desktop UI arrives with the app issue; use the `sweeplab` CLI meanwhile.';
