// What the catalog page's scripts share: JSON calls to the host API and the page's events.
// Loaded first; catalog.js and tags-panel.js find it on window.DemoDam.
(() => {
  'use strict';

  function emit(name, detail) {
    document.dispatchEvent(new CustomEvent(name, { bubbles: true, detail }));
  }

  async function api(url, init) {
    const response = await fetch(url, { credentials: 'same-origin', ...init });
    if (response.status === 401) {
      window.location.assign('/login');
      throw new Error('Signed out');
    }
    const body = await response.json();
    if (!response.ok) throw new Error(body?.error?.message ?? `Request failed (${response.status})`);
    return body;
  }

  window.DemoDam = { api, emit };
})();
