// Signing in on the console and the driver page: a token from the identity provider pasted (or handed over
// by the provider's login page), or, outside production only, a demo token minted by the service itself.
// The token stays in this tab's sessionStorage and is sent only to this service.
'use strict';

const SignIn = (() => {
  const KEY = 'bg.token';

  function token() {
    const saved = sessionStorage.getItem(KEY);
    const claims = saved && BG.claims(saved);
    if (!claims || (claims.exp && claims.exp * 1000 < Date.now())) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return saved;
  }

  function signOut() {
    sessionStorage.removeItem(KEY);
    location.reload();
  }

  /**
   * Wires the sign-in forms: #token-form (a pasted token) and #demo-form, shown only where the service
   * mints demo tokens. {@code demoQuery} gives the demo token's query from the form; {@code done(token)}
   * runs once signed in.
   */
  async function wire(demoQuery, done) {
    const result = document.getElementById('signin-result');
    document.getElementById('token-form').addEventListener('submit', async e => {
      e.preventDefault();
      const pasted = document.getElementById('token').value.trim();
      if (!BG.claims(pasted)) {
        result.textContent = BG.t('badToken');
        return;
      }
      sessionStorage.setItem(KEY, pasted);
      done(pasted);
    });
    const demo = document.getElementById('demo-form');
    demo.addEventListener('submit', async e => {
      e.preventDefault();
      const answer = await BG.api('/api/v1/demo/tokens?' + demoQuery(), {headers: {Accept: 'text/plain'}});
      if (!answer.ok) {
        result.textContent = BG.problem(answer);
        return;
      }
      sessionStorage.setItem(KEY, answer.body.trim());
      done(answer.body.trim());
    });
    // Demo tokens exist in dev mode and the tests only; production answers 404 and the picker stays hidden.
    const probe = await fetch('/api/v1/demo/tokens?role=auditor&ttlSeconds=1', {method: 'HEAD'}).catch(() => null);
    if (probe && probe.ok) demo.classList.remove('hidden');
  }

  return {token, signOut, wire};
})();
