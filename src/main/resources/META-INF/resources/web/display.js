// The waiting yard's big screen: who is called to the gate and who is next, per direction, readable from
// 20 m. No sign-in: it follows the gate's public board stream (plates masked) and reconnects by itself.
'use strict';

BG.start('display', () => {
  const gate = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] || '');
  const $ = id => document.getElementById(id);
  const el = BG.el;
  // The screen speaks both languages at once, Vietnamese first, whatever a viewer chose on another page.
  const both = (key, cls) => el('span', {class: cls || ''}, BG.t(key, 'vi'), el('span', {class: 'en', lang: 'en'}, BG.t(key, 'en')));

  // The gate's time, not the screen's: the board says what time it is at the gate (and in which offset),
  // so a display PC with a wrong clock or time zone still shows the time the call deadlines are in.
  let skew = 0;
  let offsetMinutes = 7 * 60;

  function tick() {
    const gateTime = new Date(Date.now() + skew + offsetMinutes * 60000);
    $('clock').textContent = String(gateTime.getUTCHours()).padStart(2, '0') + ':' + String(gateTime.getUTCMinutes()).padStart(2, '0');
  }

  function setClock(updatedAt) {
    skew = Date.parse(updatedAt) - Date.now();
    const offset = updatedAt.match(/([+-])(\d\d):(\d\d)$/);
    offsetMinutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
    tick();
  }

  function truck(t, calling) {
    return el('li', {class: calling ? 'truck calling' : 'truck', 'data-plate': t.plate},
      el('span', {class: 'position'}, String(t.position)),
      el('span', {class: 'plate'}, t.plate),
      calling && t.deadline
        ? el('span', {class: 'when'}, BG.t('by', 'vi') + ' ' + BG.time(t.deadline),
          el('span', {class: 'en', lang: 'en'}, BG.t('by', 'en') + ' ' + BG.time(t.deadline)))
        : el('span', {class: 'when'}, BG.time(t.slotStart)));
  }

  function list(trucks, calling) {
    if (!trucks.length) return el('p', {class: 'none'}, both('none'));
    return el('ol', {class: calling ? 'trucks calling' : 'trucks'}, trucks.map(t => truck(t, calling)));
  }

  let shown = null; // the directions last drawn, to tell whether the stream missed a change

  function render(board) {
    shown = BG.queueOf(board);
    setClock(board.updatedAt);
    $('gate-name').textContent = board.gateName;
    document.title = board.gateName + ' · ' + BG.t('title', 'vi');
    $('directions').replaceChildren(...board.directions.map(d => el('section', {class: 'direction', 'data-direction': d.direction},
      el('h2', {}, both('direction.' + d.direction)),
      el('h3', {class: 'calling-title'}, both('calling')),
      list(d.nowCalling, true),
      el('h3', {}, both('next')),
      list(d.nextInYard.slice(0, 6), false))));
    document.body.dataset.updatedAt = String(Date.now());
  }

  function state(name) {
    const indicator = $('state');
    indicator.dataset.state = name;
    indicator.replaceChildren(both(name));
  }

  /** A screen pointed at a gate that does not exist says so, instead of reconnecting for ever. */
  async function start() {
    const known = await BG.api('/api/v1/gates/' + encodeURIComponent(gate));
    if (known.status === 404) {
      state('offline');
      $('directions').replaceChildren(el('p', {class: 'none', role: 'alert'}, BG.t('noGate', 'vi') + ' ' + gate,
        el('span', {class: 'en', lang: 'en'}, BG.t('noGate', 'en') + ' ' + gate)));
      return;
    }
    follow();
  }

  tick();
  setInterval(tick, 10000);
  state('reconnecting');
  const path = '/api/v1/gates/' + encodeURIComponent(gate) + '/board/stream';
  const boardPath = '/api/v1/gates/' + encodeURIComponent(gate) + '/board';
  const follow = () => BG.follow(() => new EventSource(path), {board: render}, state, async () => {
    const answer = await BG.api(boardPath);
    if (!answer.ok) return false;
    if (BG.queueOf(answer.body) === shown) return true;
    render(answer.body);
    return false;
  });
  start();
});
