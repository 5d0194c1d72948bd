// Signing in on the console and the driver page. A driver signs in with the one-time code their firm passed on.
// On the console, an officer signs in with their account at the
// province's identity provider (the service runs the authorization-code flow and keeps the session in a cookie;
// the page asks /console/session for the access token). A token from the identity provider may also be pasted,
// and outside production only, a demo token minted by the service itself. The token stays in this tab's
// sessionStorage and is sent only to this service.
'use strict';

const SignIn = (() => {
  const KEY = 'bg.token';
  /** Set while the token is the provider session's: signing out then ends that session too. */
  const PROVIDER = 'bg.provider';
  /** The last answer of /console/session: 401 when a provider is configured but nobody is signed in. */
  let sessionStatus = 0;

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
    const provider = sessionStorage.getItem(PROVIDER);
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(PROVIDER);
    if (provider) location.assign('/console/sign-out');
    else location.reload();
  }

  /**
   * The access token of this browser's session at the identity provider, or null when not signed in there.
   * It is renewed a minute before it expires (the service refreshes it at the provider); {@code renewed(token)}
   * runs with each renewed one, and the page reloads if the session has ended meanwhile.
   */
  async function session(renewed) {
    const answer = await fetch('/console/session', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
      .catch(() => null);
    sessionStatus = answer ? answer.status : 0;
    if (!answer || !answer.ok) {
      if (sessionStorage.getItem(PROVIDER)) {
        sessionStorage.removeItem(KEY);
        sessionStorage.removeItem(PROVIDER);
      }
      return null;
    }
    const body = await answer.json();
    sessionStorage.setItem(KEY, body.accessToken);
    sessionStorage.setItem(PROVIDER, '1');
    const renewIn = Math.max(5000, Date.parse(body.expiresAt) - Date.now() - 60000);
    setTimeout(async () => {
      const fresh = await session(renewed);
      if (fresh) renewed(fresh);
      else location.reload();
    }, renewIn);
    return body.accessToken;
  }

  /**
   * Signs a driver in with the one-time code their firm passed on (typed, or in the link's #code=), spending it.
   * Returns the driver token, or null with the reason shown in #signin-result.
   */
  async function redeem(code) {
    const answer = await BG.api('/api/v1/driver-sessions', {method: 'POST', headers: {'X-Sign-In-Code': code}});
    if (!answer.ok) {
      document.getElementById('signin-result').textContent = answer.status === 401 ? BG.t('badCode') : BG.problem(answer);
      return null;
    }
    sessionStorage.setItem(KEY, answer.body.accessToken);
    return answer.body.accessToken;
  }

  /**
   * Wires the sign-in forms: #token-form (a pasted token) and #demo-form, shown only where the service
   * mints demo tokens. {@code demoQuery} gives the demo token's query from the form; {@code done(token)}
   * runs once signed in.
   */
  async function wire(demoQuery, done) {
    const result = document.getElementById('signin-result');
    const codeForm = document.getElementById('code-form');
    if (codeForm) {
      codeForm.addEventListener('submit', async e => {
        e.preventDefault();
        const signedIn = await redeem(document.getElementById('sign-in-code').value.trim());
        if (signedIn) done(signedIn);
      });
    }
    const provider = document.getElementById('provider-signin');
    if (provider && sessionStatus === 401) provider.classList.remove('hidden');
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

  return {token, session, redeem, signOut, wire};
})();
