// The driver's page, made for a cheap phone on a weak line: his trips that are still under way, each with
// its status in words, the QR code to show at the yard, and a live stream per trip that rings when he is
// called to the gate.
'use strict';

BG.start('driver', () => {
  const $ = id => document.getElementById(id);
  const el = BG.el;
  const UNDER_WAY = ['CALLED', 'CHECKED_IN', 'BOOKED', 'RELEASED'];
  const ENDED = ['EXITED', 'CANCELLED', 'NO_SHOW', 'REJECTED'];
  const trips = new Map();     // id → declaration as last known
  const followed = new Map();  // id → stream
  const qrImages = new Map();  // id → object URL of its QR code
  const gateNames = new Map(); // code → name, from the public gate list
  const payments = new Map();  // id → the trip's fee account (GET …/payment)
  let token = null;

  function alertDriver() {
    if (navigator.vibrate) navigator.vibrate([400, 200, 400]);
    try {
      const audio = new (window.AudioContext || window.webkitAudioContext)();
      const tone = audio.createOscillator();
      tone.frequency.value = 880;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.6);
    } catch (e) {
      // Browsers play sound only after the user touched the page; the green card still shows it.
    }
  }

  async function loadQr(trip) {
    if (trip.status !== 'BOOKED' || qrImages.has(trip.id)) return;
    const response = await fetch('/api/v1/declarations/' + trip.id + '/qr',
      {headers: {Authorization: 'Bearer ' + token, Accept: 'image/png'}}).catch(() => null);
    if (!response || !response.ok) return;
    qrImages.set(trip.id, URL.createObjectURL(await response.blob()));
    render();
  }

  // The fee and whether it is paid: a province may stop an unpaid truck at the yard's exit.
  function feeText(trip) {
    const payment = payments.get(trip.id);
    const amount = payment && payment.dueVnd != null ? payment.dueVnd : trip.fee && trip.fee.amountVnd;
    if (amount == null) return BG.t('feeUnpriced');
    const figure = BG.vnd(amount);
    return payment ? figure + ' · ' + BG.t('payment.' + payment.status) : figure;
  }

  async function loadPayment(trip) {
    const answer = await BG.api('/api/v1/declarations/' + trip.id + '/payment', {token});
    if (answer.ok) {
      payments.set(trip.id, answer.body);
      render();
    }
  }

  function card(trip) {
    const called = trip.status === 'CALLED';
    return el('article', {class: 'card', 'data-id': trip.id, 'data-status': trip.status},
      called ? el('p', {class: 'ok', role: 'alert'}, BG.t('calledNow')) : null,
      el('p', {class: 'status'}, BG.status(trip.status)),
      // What the gate's border rules say of the trip (a category stopped in its slot, a declaration window run
      // out), in the page's language: the firm has been told too.
      ...(trip.ruleFlags || []).map(flag => el('p', {class: 'refused rule-flag', role: 'note'}, BG.language === 'en' ? flag.en : flag.vi)),
      el('dl', {},
        el('dt', {}, BG.t('plate')), el('dd', {class: 'plate'}, trip.vehicle ? trip.vehicle.plate : ''),
        el('dt', {}, BG.t('gate')), el('dd', {}, (gateNames.get(trip.gateCode) || trip.gateCode) + ' · ' + BG.direction(trip.direction)),
        el('dt', {}, BG.t('slot')), el('dd', {}, BG.dateTime(trip.slot.start) + '–' + BG.time(trip.slot.end)),
        el('dt', {}, BG.t('reference')), el('dd', {}, trip.reference),
        el('dt', {}, BG.t('fee')), el('dd', {class: 'fee'}, feeText(trip))),
      qrImages.has(trip.id) && trip.status === 'BOOKED'
        ? el('img', {class: 'qr', src: qrImages.get(trip.id), alt: BG.t('qr') + ' ' + trip.reference}) : null);
  }

  function render() {
    const order = UNDER_WAY.concat(ENDED);
    const shown = [...trips.values()].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status)
      || a.slot.start.localeCompare(b.slot.start));
    $('trips').replaceChildren(...(shown.length ? shown.map(card) : [el('p', {class: 'muted'}, BG.t('noTrips'))]));
    document.body.dataset.updatedAt = String(Date.now());
  }

  async function refresh(id) {
    const answer = await BG.api('/api/v1/declarations/' + id, {token});
    if (answer.ok) {
      trips.set(id, answer.body);
      render();
      loadQr(answer.body);
      loadPayment(answer.body);
    }
  }

  function follow(trip) {
    if (followed.has(trip.id)) return;
    let last = null;
    followed.set(trip.id, BG.follow(() => BG.ticketed('/api/v1/declarations/' + trip.id + '/stream', token, last), {
      status: (update, event) => {
        last = event.lastEventId || last;
        const known = trips.get(trip.id);
        const wasCalled = known && known.status === 'CALLED';
        if (known) {
          known.status = update.status;
          render();
        }
        if (update.status === 'CALLED' && !wasCalled) alertDriver();
        // The server ends the stream after an end state: stop following rather than reconnect for nothing.
        if (ENDED.includes(update.status)) {
          followed.get(trip.id).close();
        }
        refresh(trip.id); // slot moves and the like: take the whole declaration again
      }
    }, $('state'), async () => {
      const answer = await BG.api('/api/v1/declarations/' + trip.id, {token});
      if (!answer.ok) return false;
      const missed = answer.body.status !== (trips.get(trip.id) || {}).status;
      if (missed) refresh(trip.id);
      return !missed;
    }));
  }

  async function load() {
    if (!gateNames.size) {
      const gates = await BG.api('/api/v1/gates');
      if (gates.ok) gates.body.forEach(g => gateNames.set(g.code, g.name));
    }
    for (const status of UNDER_WAY) {
      const answer = await BG.api('/api/v1/declarations?limit=50&status=' + status, {token});
      if (answer.status === 401) {
        SignIn.signOut();
        return;
      }
      if (answer.ok) answer.body.items.forEach(trip => trips.set(trip.id, trip));
    }
    render();
    trips.forEach(trip => {
      if (UNDER_WAY.includes(trip.status)) follow(trip);
      loadQr(trip);
      loadPayment(trip);
    });
  }

  function start(signedIn) {
    token = signedIn;
    $('signin').classList.add('hidden');
    $('signout').classList.remove('hidden');
    load();
    // A trip booked after the page opened shows up within a minute; the streams cover the rest.
    setInterval(load, 60000);
  }

  BG.translate();
  BG.languageSwitch($('language'), render);
  $('signout').addEventListener('click', SignIn.signOut);
  (async () => {
    // A link from the firm carries a one-time code after # (never sent to a server): spend it, then drop it
    // from the address so a reload or a shared screenshot does not show it.
    const linked = new URLSearchParams(location.hash.slice(1)).get('code');
    if (linked) history.replaceState(null, '', location.pathname + location.search);
    token = (linked && await SignIn.redeem(linked)) || SignIn.token();
    if (token) {
      start(token);
    } else {
      $('signin').classList.remove('hidden');
      SignIn.wire(() => 'role=driver&phone=' + encodeURIComponent($('demo-phone').value.trim()), start);
    }
  })();
});
