// Shared by the console, the yard display and the driver page: texts in two languages, calls to the API
// with the user's token, problem+json answers in words, and live streams that come back by themselves.
'use strict';

window.bgErrors = [];
window.addEventListener('error', e => window.bgErrors.push(String(e.message || e)));
window.addEventListener('unhandledrejection', e => window.bgErrors.push(String(e.reason)));

const BG = (() => {
  let texts = null;
  let page = 'common';
  let language = localStorage.getItem('bg.language') === 'en' ? 'en' : 'vi';

  /**
   * The words of every page, {vi: {key: text}, en: {…}}, from the bundle the API speaks from: the one place
   * they are kept. Asked for again (1, 2, 4 … 15 s) until they come, as a page cannot work without them.
   */
  const loaded = (async () => {
    for (let delay = 1000; ; delay = Math.min(delay * 2, 15000)) {
      try {
        const response = await fetch('/web/texts.json', {headers: {Accept: 'application/json'}});
        if (response.ok) return await response.json();
      } catch (e) {
        // Offline or cut off: try again below.
      }
      await new Promise(resolve => setTimeout(resolve, delay));
    }
  })().then(all => { texts = all; });

  /**
   * Runs the page's {@code main} once its texts are here. Until then the page shows what the server wrote
   * into it (in Vietnamese) and nothing more: no panel, no form, no stream.
   */
  function start(name, main) {
    page = name;
    loaded.then(main);
  }

  /**
   * A text by key: a key with a dot names its section ('status.BOOKED'), any other is the page's own or
   * else a common one (WebPages.text looks them up the same way). The key itself if there is none.
   */
  function t(key, lang) {
    const words = texts && texts[lang || language];
    if (!words) return key;
    const found = key.includes('.') ? words[key] : (words[page + '.' + key] || words['common.' + key]);
    return found || key;
  }

  function status(name) {
    return t('status.' + name);
  }

  function direction(name) {
    return t('direction.' + name);
  }

  /**
   * Fills every [data-t] element's text (in its own lang if it has one) and [data-t-placeholder] /
   * [data-t-label] attributes.
   */
  function translate(root) {
    const scope = root || document;
    document.documentElement.lang = language;
    scope.querySelectorAll('[data-t]').forEach(el => { el.textContent = t(el.dataset.t, el.getAttribute('lang')); });
    scope.querySelectorAll('[data-t-placeholder]').forEach(el => { el.placeholder = t(el.dataset.tPlaceholder); });
    scope.querySelectorAll('[data-t-label]').forEach(el => { el.setAttribute('aria-label', t(el.dataset.tLabel)); });
  }

  /** A button that switches between Vietnamese and English and redraws the page with {@code redraw}. */
  function languageSwitch(button, redraw) {
    button.addEventListener('click', () => {
      language = language === 'vi' ? 'en' : 'vi';
      localStorage.setItem('bg.language', language);
      translate();
      redraw();
    });
  }

  /** Builds an element: el('td', {class: 'x'}, 'text', child…). Text is always text, never HTML. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  /**
   * Redraws a list without touching the entries still in it: each child is keyed (data-key), kept if its
   * key is still there, built by {@code build(item)} if new, dropped if gone. A note half typed or a
   * button about to be clicked survives every live update; nodes move only when the order changed.
   */
  function keep(container, items, keyOf, build) {
    const existing = new Map([...container.children].map(child => [child.dataset.key, child]));
    const wanted = items.map(item => {
      const key = keyOf(item);
      const node = existing.get(key) || build(item);
      node.dataset.key = key;
      return node;
    });
    const same = wanted.length === container.children.length && wanted.every((node, i) => container.children[i] === node);
    if (!same) container.replaceChildren(...wanted);
  }

  /** The claims of a JWT, read without verifying it: only to choose what to show, never to decide. */
  function claims(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent(atob(payload).split('').map(c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
      return JSON.parse(json);
    } catch (e) {
      return null;
    }
  }

  /** Calls the API. Answers {ok, status, body}; a problem+json body is kept as it came. */
  async function api(path, options) {
    const o = options || {};
    const headers = {'Accept-Language': language, 'Accept': 'application/json'};
    if (o.token) headers.Authorization = 'Bearer ' + o.token;
    if (o.body !== undefined) headers['Content-Type'] = 'application/json';
    if (o.headers) Object.assign(headers, o.headers);
    let response;
    try {
      response = await fetch(path, {method: o.method || 'GET', headers, body: o.body === undefined ? undefined : JSON.stringify(o.body)});
    } catch (e) {
      return {ok: false, status: 0, body: {title: t('offline')}};
    }
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : await response.text();
    return {ok: response.ok, status: response.status, body, headers: response.headers};
  }

  /** A refusal in words: the problem's title and detail, and each field's complaint. */
  function problem(answer) {
    const body = answer.body || {};
    const parts = [body.title || (t('error') + ' ' + answer.status)];
    if (body.detail) parts.push(body.detail);
    for (const e of body.errors || []) parts.push((e.field ? e.field + ': ' : '') + e.message);
    if (body.opensAt) parts.push(body.opensAt);
    return parts.join(' — ');
  }

  /** An amount of đồng as people here write it: 5.500.000 ₫. */
  function vnd(amount) {
    return new Intl.NumberFormat('vi-VN').format(amount) + ' ₫';
  }

  function time(iso) {
    if (!iso) return '';
    return iso.substring(11, 16);
  }

  function dateTime(iso) {
    if (!iso) return '';
    return iso.substring(8, 10) + '/' + iso.substring(5, 7) + ' ' + iso.substring(11, 16);
  }

  /** Shows the stream's state in {@code indicator} (an element with role=status). */
  function showState(indicator, state) {
    if (!indicator) return;
    indicator.dataset.state = state;
    indicator.textContent = t(state);
  }

  /** What a board shows of the queue, whatever the language it was written in: to tell if two boards differ. */
  function queueOf(board) {
    return JSON.stringify(board.directions.map(d => [d.direction, d.nowCalling, d.nextInYard]));
  }

  /** How often a followed stream is checked against the API while it looks open. */
  const CHECK_EVERY_MS = 20000;

  /**
   * Follows a server-sent event stream and keeps following it: after any drop it opens a new one, sooner
   * when the browser says it is back online, later after each failed try (1, 2, 4 … 15 s). {@code open}
   * makes the EventSource (it may first ask for a ticket); {@code handlers} maps event names to functions;
   * {@code indicator} is an element to show the state in, or a function given 'live', 'reconnecting' or
   * 'offline'. A connection can also die without a word (a NAT or a mobile network forgetting it): the
   * server's heartbeats are comments a script never sees, so every 20 s {@code check()} (when given) asks
   * the API directly and answers false if the stream has missed something; it is then opened again.
   */
  function follow(open, handlers, indicator, check) {
    let source = null;
    let delay = 1000;
    let timer = null;
    let closed = false;
    const report = typeof indicator === 'function' ? indicator : s => showState(indicator, s);

    async function connect() {
      clearTimeout(timer);
      if (source) source.close();
      source = null;
      if (closed) return;
      let made;
      try {
        made = await open();
      } catch (e) {
        made = null;
      }
      if (!made) {
        retry();
        return;
      }
      if (closed) {
        made.close();
        return;
      }
      source = made;
      source.onopen = () => { delay = 1000; report('live'); if (handlers.open) handlers.open(); };
      source.onerror = () => {
        report(navigator.onLine ? 'reconnecting' : 'offline');
        // A stream whose ticket is spent cannot reconnect by itself: always start again ourselves.
        source.close();
        retry();
      };
      for (const [name, handler] of Object.entries(handlers)) {
        if (name !== 'open') source.addEventListener(name, e => handler(JSON.parse(e.data), e));
      }
    }

    function retry() {
      clearTimeout(timer);
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    }

    async function verify() {
      if (closed || !source || source.readyState !== EventSource.OPEN) return;
      let fine;
      try {
        fine = await check();
      } catch (e) {
        fine = false;
      }
      if (!fine && !closed) {
        report(navigator.onLine ? 'reconnecting' : 'offline');
        delay = 1000;
        connect();
      }
    }

    const checks = check ? setInterval(verify, CHECK_EVERY_MS) : null;
    window.addEventListener('online', () => { delay = 1000; connect(); });
    window.addEventListener('offline', () => report('offline'));
    connect();
    return {
      restart: () => { delay = 1000; connect(); },
      close: () => { closed = true; clearTimeout(timer); clearInterval(checks); if (source) source.close(); }
    };
  }

  /** Opens an authenticated stream the browser way: a single-use ticket asked for with the token. */
  async function ticketed(path, token, lastEventId) {
    const answer = await api('/api/v1/stream-tickets', {method: 'POST', token});
    if (!answer.ok) return null;
    let url = path + '?ticket=' + encodeURIComponent(answer.body.ticket);
    if (lastEventId) url += '&after=' + encodeURIComponent(lastEventId);
    return new EventSource(url);
  }

  return {start, t, status, direction, translate, languageSwitch, el, keep, queueOf, claims, api, problem, vnd, time, dateTime, follow, ticketed,
    get language() { return language; }};
})();
