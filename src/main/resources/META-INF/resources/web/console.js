// The officers' console. One page; each officer sees the panels of their role at the gates their token
// names, and nothing else (the API refuses the rest anyway). Every panel is redrawn from the API when the
// gate's public board says something changed, so the screen stays live without reloads and catches up by
// itself after the connection comes back.
'use strict';

BG.start('console', () => {
  const $ = id => document.getElementById(id);
  const el = BG.el;
  const DIRECTIONS = ['EXPORT', 'IMPORT'];
  const AGENCIES = ['customs', 'border-guard', 'quarantine'];
  let token = null;
  let roles = [];
  let gate = null;
  let board = null;
  let pendingPreview = null;

  const has = role => roles.includes(role);
  const call = (path, options) => BG.api(path, Object.assign({token}, options || {}));
  const gatePath = suffix => '/api/v1/gates/' + encodeURIComponent(gate) + suffix;
  const say = (target, text, good) => {
    target.className = 'result ' + (good ? 'ok' : 'refused');
    target.textContent = text;
  };
  const localDay = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().substring(0, 10);

  // ---- Check-in (yard officer) ----
  async function checkIn(body, field) {
    const answer = await call(gatePath('/check-ins'), {method: 'POST', body});
    if (answer.ok) {
      say($('checkin-result'), BG.t('checkedIn') + ': ' + answer.body.vehicle.plate + ' · ' + answer.body.reference, true);
      field.value = '';
    } else {
      say($('checkin-result'), refusal(answer), false);
      field.select();
    }
    field.focus();
    refreshSoon();
  }

  /** A check-in refusal in the words an officer tells the driver: "too early: opens at 14:30". */
  function refusal(answer) {
    const window = answer.body && answer.body.window;
    if (!window) return BG.problem(answer);
    const early = answer.body.type && answer.body.type.endsWith('/check-in-too-early');
    const at = early ? window.opensAt : window.closesAt;
    return answer.body.title + ': ' + BG.t(early ? 'opensAt' : 'closedAt') + ' ' + BG.time(at) + ' ' + BG.dateTime(at).substring(0, 5);
  }

  async function scanWithCamera() {
    const video = $('camera-view');
    const stream = await navigator.mediaDevices.getUserMedia({video: {facingMode: 'environment'}});
    video.srcObject = stream;
    video.classList.remove('hidden');
    await video.play();
    const detector = new BarcodeDetector({formats: ['qr_code']});
    const look = async () => {
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length) {
        stream.getTracks().forEach(track => track.stop());
        video.classList.add('hidden');
        $('qr').value = codes[0].rawValue;
        checkIn({token: codes[0].rawValue}, $('qr'));
      } else {
        requestAnimationFrame(look);
      }
    };
    look();
  }

  // ---- Yard queue (everyone at the gate) ----
  async function drawYard() {
    const sections = [];
    for (const direction of DIRECTIONS) {
      const answer = await call(gatePath('/yard?direction=' + direction));
      if (!answer.ok) continue;
      sections.push(el('h3', {}, BG.direction(direction) + ' (' + answer.body.length + ')'));
      sections.push(answer.body.length ? el('table', {'data-direction': direction},
        el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, BG.t('plate')), el('th', {}, BG.t('slot')),
          el('th', {}, BG.t('checkedInAt')))),
        el('tbody', {}, answer.body.map(e => el('tr', {'data-plate': e.plate},
          el('td', {}, e.position), el('td', {}, e.plate + (e.priority === 'PERISHABLE' ? ' ❄' : '')),
          el('td', {}, BG.time(e.slotStart)), el('td', {}, BG.time(e.checkedInAt))))))
        : el('p', {class: 'muted'}, BG.t('empty')));
    }
    $('yard').replaceChildren(...sections);
  }

  // ---- Call-up, arrival and exit (supervisor) ----
  async function callTrucks() {
    const answer = await call(gatePath('/calls'), {method: 'POST',
      body: {direction: $('call-direction').value, count: Number($('call-count').value)}});
    if (answer.ok) {
      say($('call-result'), answer.body.length ? BG.t('called') + ': ' + answer.body.map(c => c.plate).join(', ')
        : BG.t('noneToCall'), answer.body.length > 0);
    } else {
      say($('call-result'), BG.problem(answer), false);
    }
    refreshSoon();
  }

  async function passage(id, step) {
    const answer = await call('/api/v1/declarations/' + id + '/' + step, {method: 'POST'});
    if (!answer.ok) say($('call-result'), BG.problem(answer), false);
    refreshSoon();
  }

  async function drawPassage() {
    const trucks = [];
    for (const status of ['CALLED', 'RELEASED']) {
      const answer = await call('/api/v1/declarations?limit=200&gate=' + encodeURIComponent(gate) + '&status=' + status);
      if (answer.ok) trucks.push(...answer.body.items);
    }
    BG.keep($('passage').tBodies[0], trucks, d => d.id + ':' + d.status + ':' + BG.language, d => {
      const step = d.status === 'CALLED' ? 'arrival' : 'exit';
      return el('tr', {'data-plate': d.vehicle.plate, 'data-status': d.status},
        el('td', {}, d.vehicle.plate), el('td', {}, BG.status(d.status)), el('td', {}, BG.time(d.slot.start)),
        el('td', {}, el('button', {type: 'button', class: 'secondary', 'data-step': step, onclick: () => passage(d.id, step)},
          BG.t(step === 'arrival' ? 'arrived' : 'exited'))));
    });
  }

  // ---- Decisions (customs, border guard, quarantine) ----
  async function drawInspections() {
    // An officer's agency is their role; a truck waits for it while the role is among its pending ones.
    const agency = roles.find(r => AGENCIES.includes(r));
    const answer = await call('/api/v1/declarations?limit=200&gate=' + encodeURIComponent(gate) + '&status=CALLED');
    if (!answer.ok) return;
    const waiting = [];
    for (const d of answer.body.items) {
      const inspections = await call('/api/v1/declarations/' + d.id + '/inspections');
      if (inspections.ok && inspections.body.pending.includes(agency)) waiting.push(d);
    }
    const list = $('inspections');
    BG.keep(list, waiting, d => d.id + ':' + BG.language, decisionCard);
    $('none-waiting').classList.toggle('hidden', waiting.length > 0);
  }

  function decisionCard(d) {
    const noteId = 'note-' + d.id;
    const decisionId = 'decision-' + d.id;
    return el('article', {class: 'decision-card', 'data-plate': d.vehicle.plate},
      el('h3', {}, d.vehicle.plate + ' · ' + BG.direction(d.direction) + ' · ' + d.reference),
      el('p', {}, el('strong', {}, BG.t('cargo') + ': '), d.cargo.description + ' (' + d.cargo.category
        + (d.cargo.hsCode ? ', HS ' + d.cargo.hsCode : '') + ') · ' + BG.t('weight') + ' ' + d.cargo.grossWeightKg + ' kg'),
      el('p', {}, el('strong', {}, BG.t('documents') + ': '), (d.cargo.customsDeclarationNumbers || []).join(', ') || '–',
        ' · ', el('strong', {}, BG.t('containers') + ': '), (d.cargo.containerNumbers || []).join(', ') || '–'),
      el('form', {class: 'row', onsubmit: e => { e.preventDefault(); decide(d.id, $(decisionId).value, $(noteId).value); }},
        el('div', {}, el('label', {for: decisionId}, BG.t('decision')),
          el('select', {id: decisionId}, ['CLEARED', 'HOLD', 'REJECTED'].map(v => el('option', {value: v}, BG.t(v))))),
        el('div', {}, el('label', {for: noteId}, BG.t('note')), el('input', {id: noteId, maxlength: 1000, autocomplete: 'off'})),
        el('button', {type: 'submit'}, BG.t('decide'))));
  }

  async function decide(id, decision, note) {
    const answer = await call('/api/v1/declarations/' + id + '/inspections', {method: 'POST', body: {decision, note: note || null}});
    say($('decision-result'), answer.ok ? '' : BG.problem(answer), answer.ok);
    refreshSoon();
  }

  // ---- Capacity with a preview (supervisor, admin) ----
  function capacityRequest() {
    // The gate's own UTC offset, as the board states its time (fractions of a second are not part of it).
    const offset = (board && (board.updatedAt.match(/([+-]\d\d:\d\d|Z)$/) || [])[0]) || '+07:00';
    return {direction: $('capacity-direction').value, from: $('capacity-from').value + ':00' + offset,
      to: $('capacity-to').value + ':00' + offset, capacityPerSlot: Number($('capacity-value').value)};
  }

  function describeChange(result, verb, done) {
    return [el('p', {class: 'ok'}, verb + ': ' + result.slotsChanged + ' ' + BG.t(done ? 'slotsChangedDone' : 'slotsChanged')),
      result.moved.length ? el('h3', {}, BG.t(done ? 'moved' : 'moves') + ' (' + result.moved.length + ')') : null,
      result.moved.length ? el('ul', {class: 'moves'}, result.moved.map(m => el('li', {}, m.reference + ': '
        + BG.dateTime(m.from) + ' → ' + BG.dateTime(m.to)))) : null,
      result.unplaced.length ? el('h3', {class: 'refused'}, BG.t('unplaced') + ' (' + result.unplaced.length + ')') : null,
      result.unplaced.length ? el('ul', {}, result.unplaced.map(u => el('li', {}, u.reference + ': ' + BG.dateTime(u.slotStart)))) : null];
  }

  async function previewCapacity() {
    pendingPreview = capacityRequest();
    const answer = await call(gatePath('/capacity/preview'), {method: 'POST', body: pendingPreview});
    $('capacity-apply').disabled = !answer.ok;
    if (answer.ok) $('capacity-result').replaceChildren(...describeChange(answer.body, BG.t('preview')).filter(Boolean));
    else say($('capacity-result'), BG.problem(answer), false);
  }

  async function applyCapacity() {
    $('capacity-apply').disabled = true;
    const answer = await call(gatePath('/capacity'), {method: 'PUT', body: pendingPreview});
    if (answer.ok) $('capacity-result').replaceChildren(...describeChange(answer.body, BG.t('applied'), true).filter(Boolean));
    else say($('capacity-result'), BG.problem(answer), false);
    refreshSoon();
  }

  // ---- Border rules: everyone at the gate reads them; province admins and admins stop a cargo category ----
  let pendingRule = null;
  const administers = () => has('admin') || has('province-admin');

  function describeRule(rule) {
    const what = rule.kind === 'CATEGORY_STOP'
      ? BG.t('ruleStop') + ': ' + rule.categories.map(c => BG.t('category.' + c))
        .concat(rule.hsPrefixes.map(p => 'HS ' + p + '…')).join(', ')
      : BG.t('ruleWindow').replace('{n}', rule.maxDaysAhead);
    const when = BG.dateTime(rule.validFrom) + ' → ' + (rule.validUntil ? BG.dateTime(rule.validUntil) : '…');
    return [what, rule.direction ? BG.direction(rule.direction) : null, when, rule.reason[BG.language] || rule.reason.vi]
      .filter(Boolean).join(' · ');
  }

  async function drawRules() {
    const answer = await BG.api(gatePath('/rules'));
    if (!answer.ok) {
      say($('rule-result'), BG.problem(answer), false);
      return;
    }
    $('rules').replaceChildren(...(answer.body.length ? answer.body.map(rule => {
      const item = el('li', {'data-rule': rule.id}, describeRule(rule));
      if (administers()) {
        const end = el('button', {type: 'button', class: 'secondary'}, BG.t('endRule'));
        end.addEventListener('click', async () => {
          const ended = await call(gatePath('/rules/' + rule.id), {method: 'DELETE'});
          if (!ended.ok) say($('rule-result'), BG.problem(ended), false);
          drawRules();
        });
        item.append(' ', end);
      }
      return item;
    }) : [el('li', {}, BG.t('noRules'))]));
  }

  function ruleRequest() {
    const offset = (board && (board.updatedAt.match(/([+-]\d\d:\d\d|Z)$/) || [])[0]) || '+07:00';
    return {kind: 'CATEGORY_STOP', direction: $('rule-direction').value, categories: [$('rule-category').value],
      validFrom: $('rule-from').value + ':00' + offset, validUntil: $('rule-to').value + ':00' + offset,
      reason: {vi: $('rule-reason-vi').value.trim(), en: $('rule-reason-en').value.trim()}};
  }

  async function previewRule() {
    pendingRule = ruleRequest();
    const answer = await call(gatePath('/rules/preview'), {method: 'POST', body: pendingRule});
    $('rule-apply').disabled = !answer.ok;
    if (answer.ok) {
      $('rule-result').replaceChildren(el('p', {class: 'ok'}, BG.t('preview') + ': ' + answer.body.bookedAffected + ' '
        + BG.t('ruleWouldRefuse')), answer.body.references.length ? el('p', {}, answer.body.references.join(', ')) : '');
    } else {
      say($('rule-result'), BG.problem(answer), false);
    }
  }

  async function applyRule() {
    $('rule-apply').disabled = true;
    const answer = await call(gatePath('/rules'), {method: 'POST', body: pendingRule});
    if (answer.ok) {
      const moves = answer.body.movedCount === undefined ? ''
        : ' · ' + BG.t('moved') + ': ' + answer.body.movedCount + ' · ' + BG.t('cancelledByRule') + ': ' + answer.body.cancelledCount;
      say($('rule-result'), BG.t('ruleSet') + ': ' + describeRule(answer.body) + moves, true);
    }
    else say($('rule-result'), BG.problem(answer), false);
    drawRules();
  }

  // ---- Statistics (supervisor, auditor, admin) ----
  async function drawStats() {
    const from = $('stats-from').value || localDay();
    const to = $('stats-to').value || from;
    const answer = await call('/api/v1/stats/gates/' + encodeURIComponent(gate) + '?from=' + from + '&to=' + to);
    if (!answer.ok) {
      say($('stats'), BG.problem(answer), false);
      return;
    }
    const days = answer.body.days;
    const label = d => d.day.substring(5) + ' ' + BG.direction(d.direction);
    const totals = {};
    days.forEach(d => Object.entries(d.byStatus).forEach(([s, n]) => { totals[s] = (totals[s] || 0) + n; }));
    const chart = (title, rows, unit) => el('figure', {class: 'chart-box'}, el('figcaption', {}, title), Charts.bars(title, rows, unit));
    $('stats').replaceChildren(
      chart(BG.t('throughput'), days.map(d => ({label: label(d), value: d.byStatus.EXITED || 0}))),
      chart(BG.t('waits'), days.map(d => ({label: label(d),
        value: d.medianWaitMinutes === null ? null : Math.round(d.medianWaitMinutes)})), ' ' + BG.t('minutes')),
      chart(BG.t('noShows'), days.map(d => ({label: label(d),
        value: d.noShowRate === null ? null : Math.round(d.noShowRate * 100)})), '%'),
      chart(BG.t('byStatus'), Object.entries(totals).map(([s, n]) => ({label: BG.status(s), value: n}))));
  }

  // ---- Fees (finance officer): the days' figures, credits no trip claimed, one trip's account ----
  // Drawn when asked for and after each action, not on every board change: they are the province's, not the gate's.
  const provincePath = suffix => '/api/v1/provinces/' + encodeURIComponent($('finance-province').value) + suffix;
  const financeDays = () => {
    const from = $('finance-from').value || localDay();
    return '?from=' + from + '&to=' + ($('finance-to').value || from);
  };

  async function drawFinance() {
    const report = await call(provincePath('/fee-reports') + financeDays());
    if (report.ok) {
      const total = report.body.total;
      const row = (key, value) => el('tr', {'data-figure': key}, el('th', {}, BG.t(key)), el('td', {class: 'n'}, value));
      $('finance-report').replaceChildren(el('table', {id: 'finance-figures'}, el('tbody', {},
        row('trips', String(total.trips)), row('due', BG.vnd(total.dueVnd)), row('paid', BG.vnd(total.paidVnd)),
        row('refundDue', BG.vnd(total.refundDueVnd)), row('centreShare', BG.vnd(total.centreShareVnd)),
        row('budgetShare', BG.vnd(total.budgetShareVnd)))),
        ...(report.body.complete ? [] : [el('p', {class: 'muted'}, BG.t('incomplete'))]));
    } else {
      say($('finance-report'), BG.problem(report), false);
    }
    const credits = await call(provincePath('/unmatched-credits'));
    if (!credits.ok) {
      say($('unmatched'), BG.problem(credits), false);
      return;
    }
    $('unmatched').replaceChildren(credits.body.length ? el('table', {id: 'unmatched-credits'},
      el('thead', {}, el('tr', {}, el('th', {}, BG.t('transaction')), el('th', {class: 'n'}, 'VND'),
        el('th', {}, BG.t('purpose')), el('th', {}, BG.t('declarationId')))),
      el('tbody', {}, credits.body.map(creditRow))) : el('p', {class: 'muted'}, BG.t('noneUnmatched')));
  }

  function creditRow(credit) {
    const field = el('input', {autocomplete: 'off', spellcheck: 'false', 'aria-label': BG.t('declarationId')});
    return el('tr', {'data-transaction': credit.transactionId},
      el('td', {}, credit.transactionId), el('td', {class: 'n'}, BG.vnd(credit.amountVnd)), el('td', {}, credit.description),
      el('td', {}, el('form', {class: 'row', onsubmit: e => { e.preventDefault(); matchCredit(credit, field.value.trim()); }},
        field, el('button', {type: 'submit', class: 'secondary'}, BG.t('match')))));
  }

  async function matchCredit(credit, declarationId) {
    const answer = await call(provincePath('/unmatched-credits/' + encodeURIComponent(credit.transactionId) + '/match'),
      {method: 'POST', body: {declarationId}});
    say($('finance-result'), answer.ok ? BG.t('matched') + ': ' + credit.transactionId + ' → ' + BG.t('payment.' + answer.body.status)
      : BG.problem(answer), answer.ok);
    if (answer.ok) drawTrip(declarationId);
    drawFinance();
  }

  async function drawTrip(id) {
    $('trip-id').value = id;
    const answer = await call('/api/v1/declarations/' + encodeURIComponent(id) + '/payment');
    if (!answer.ok) {
      say($('trip-payment'), BG.problem(answer), false);
      return;
    }
    const p = answer.body;
    const payer = p.payer ? [p.payer.name, p.payer.taxCode].filter(Boolean).join(' · ') : '';
    const amount = el('input', {type: 'number', min: 1, value: p.outstandingVnd || '', 'aria-label': BG.t('cashAmount')});
    $('trip-payment').replaceChildren(...[
      el('p', {id: 'trip-status', 'data-status': p.status}, el('strong', {}, BG.t('payment.' + p.status)), ' · ',
        BG.t('due') + ' ' + (p.dueVnd == null ? '–' : BG.vnd(p.dueVnd)), ' · ', BG.t('paid') + ' ' + BG.vnd(p.paidVnd),
        ' · ', BG.t('reference') + ' ' + (p.reference || '–'), payer ? ' · ' + BG.t('payer') + ' ' + payer : ''),
      p.outstandingVnd > 0 ? el('form', {class: 'row', id: 'cash-form', onsubmit: e => { e.preventDefault(); recordCash(id, Number(amount.value)); }},
        amount, el('button', {type: 'submit'}, BG.t('recordCash'))) : null,
      (p.receipts || []).length ? el('p', {}, BG.t('receipts') + ': ' + p.receipts.map(r => r.series + ' ' + r.number).join(', ')) : null
    ].filter(Boolean));
  }

  async function recordCash(id, amountVnd) {
    const answer = await call('/api/v1/declarations/' + encodeURIComponent(id) + '/payment/cash', {method: 'POST', body: {amountVnd}});
    say($('finance-result'), answer.ok ? BG.t('cashRecorded') + ': ' + BG.vnd(amountVnd) : BG.problem(answer), answer.ok);
    drawTrip(id);
    drawFinance();
  }

  /** The report as the finance office's spreadsheet takes it; fetched with the token, so saved from a blob. */
  async function downloadCsv() {
    const answer = await call(provincePath('/fee-reports.csv') + financeDays(), {headers: {Accept: 'text/csv'}});
    if (!answer.ok) {
      say($('finance-result'), BG.problem(answer), false);
      return;
    }
    const link = el('a', {href: URL.createObjectURL(new Blob([answer.body], {type: 'text/csv'})),
      download: 'fee-report-' + $('finance-province').value + financeDays().replace(/[?&]\w+=/g, '_') + '.csv'});
    link.click();
    URL.revokeObjectURL(link.href);
  }

  function startFinance(claims) {
    const provinces = Array.isArray(claims.provinces) ? claims.provinces : (claims.provinces ? String(claims.provinces).split(',') : []);
    $('finance-province').replaceChildren(...provinces.map(c => el('option', {value: c}, c)));
    $('finance-from').value = localDay();
    $('finance-to').value = localDay();
    $('finance-form').addEventListener('submit', e => { e.preventDefault(); drawFinance(); });
    $('finance-province').addEventListener('change', drawFinance);
    $('finance-csv').addEventListener('click', downloadCsv);
    $('trip-form').addEventListener('submit', e => { e.preventDefault(); if ($('trip-id').value.trim()) drawTrip($('trip-id').value.trim()); });
    if (provinces.length) drawFinance();
  }

  // ---- Putting it together ----
  let refreshing = null;
  let again = false;

  /** Redraws every visible panel; changes arriving meanwhile cause one more redraw, not one each. */
  async function refresh() {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        const draws = [];
        if (visible('yard-panel')) draws.push(drawYard());
        if (visible('call-panel')) draws.push(drawPassage());
        if (visible('inspect-panel')) draws.push(drawInspections());
        if (visible('stats-panel')) draws.push(drawStats());
        await Promise.all(draws);
      } while (again);
      document.body.dataset.updatedAt = String(Date.now());
    })();
    try {
      await refreshing;
    } finally {
      refreshing = null;
    }
  }

  function refreshSoon() {
    setTimeout(refresh, 0);
  }

  const visible = id => !$(id).classList.contains('hidden');

  let live = null;
  function chooseGate(code) {
    gate = code;
    if (live) live.close();
    // The public board changes whenever anything happens at the gate: our cue to redraw, at most once a second.
    live = BG.follow(() => new EventSource(gatePath('/board/stream')), {
      board: b => { board = b; refresh(); }
    }, $('state'), async () => {
      const answer = await BG.api(gatePath('/board'));
      if (!answer.ok) return false;
      const missed = !board || BG.queueOf(answer.body) !== BG.queueOf(board);
      board = answer.body;
      refresh(); // the panels hold more than the queue (decisions, statistics): take them all again
      return !missed;
    });
    refresh();
    // Rules change a few times a season: read when the gate is chosen and after each change made here.
    if (visible('rules-panel')) drawRules();
  }

  async function start(signedIn) {
    token = signedIn;
    const claims = BG.claims(token) || {};
    roles = claims.groups || [];
    $('signin').classList.add('hidden');
    ['signout', 'who', 'gate', 'gate-label'].forEach(id => $(id).classList.remove('hidden'));
    $('who').textContent = (claims.preferred_username || claims.sub || '') + ' · ' + roles.join(', ');
    let shown = 0;
    document.querySelectorAll('[data-roles]').forEach(panel => {
      const show = panel.dataset.roles.split(' ').some(has);
      panel.classList.toggle('hidden', !show);
      shown += show ? 1 : 0;
    });
    if (!shown) {
      $('signin').classList.remove('hidden');
      $('signin-result').textContent = BG.t('noRole');
      return;
    }
    let codes = Array.isArray(claims.gates) ? claims.gates : (claims.gates ? String(claims.gates).split(',') : []);
    if (!codes.length) {
      const all = await call('/api/v1/gates');
      codes = all.ok ? all.body.map(g => g.code) : [];
    }
    $('gate').replaceChildren(...codes.map(c => el('option', {value: c}, c)));
    $('gate').addEventListener('change', () => chooseGate($('gate').value));
    const today = localDay();
    $('stats-from').value = today;
    $('stats-to').value = today;
    if (codes.length) chooseGate(codes[0]);
    if (has('finance-officer')) startFinance(claims);
    $('rule-form').classList.toggle('hidden', !administers());
    if (has('yard-officer')) $('qr').focus();
    else if (has('gate-supervisor')) $('call-count').focus();
  }

  BG.translate();
  BG.languageSwitch($('language'), () => { if (gate) refresh(); });
  $('signout').addEventListener('click', SignIn.signOut);
  $('qr-form').addEventListener('submit', e => { e.preventDefault(); if ($('qr').value.trim()) checkIn({token: $('qr').value.trim()}, $('qr')); });
  $('plate-form').addEventListener('submit', e => {
    e.preventDefault();
    checkIn({plate: $('plate').value.trim(), direction: $('plate-direction').value}, $('plate'));
  });
  $('call-form').addEventListener('submit', e => { e.preventDefault(); callTrucks(); });
  $('capacity-form').addEventListener('submit', e => { e.preventDefault(); previewCapacity(); });
  $('capacity-apply').addEventListener('click', applyCapacity);
  $('stats-form').addEventListener('submit', e => { e.preventDefault(); drawStats(); });
  $('rule-form').addEventListener('submit', e => { e.preventDefault(); previewRule(); });
  $('rule-apply').addEventListener('click', applyRule);
  if ('BarcodeDetector' in window && navigator.mediaDevices) {
    $('camera').classList.remove('hidden');
    $('camera').addEventListener('click', () => scanWithCamera().catch(e => say($('checkin-result'), String(e), false)));
  }

  (async () => {
    // Signed in at the identity provider (a session cookie), or a token pasted earlier in this tab.
    token = await SignIn.session(fresh => { token = fresh; }) || SignIn.token();
    if (token) {
      start(token);
      return;
    }
    $('signin').classList.remove('hidden');
    SignIn.wire(() => 'role=' + encodeURIComponent($('demo-role').value) + '&gates=' + encodeURIComponent($('demo-gates').value.trim())
      + '&provinces=' + encodeURIComponent($('demo-provinces').value.trim()), start);
  })();
});
