// Checks the console's script (src/main/resources/static) with ESLint, and runs its page and script in jsdom, with the
// gateway and the identity provider answered by a stand-in fetch, checking what a person would see. One scenario a run:
//   node console-script.test.js <scenario>      (ConsoleScriptTests runs each; `npm ci` here first)
// Prints what it saw; exits 1 when a check fails, 2 for an unknown scenario.
'use strict';

const fs = require('fs');
const path = require('path');
const { webcrypto, createHash } = require('crypto');
const { TextEncoder, TextDecoder } = require('util');
const { JSDOM, VirtualConsole } = require('jsdom');

// the PC set to London time: a time the console shows in the PC's zone instead of Beijing time is caught
process.env.TZ = 'Europe/London';

const STATIC = path.resolve(__dirname, '../../main/resources/static');
const ORIGIN = 'http://127.0.0.1:8080';
const ISSUER = 'http://127.0.0.1:9000';

const REFERENCE = {
  '/console/config.json': { issuer: ISSUER, clientId: 'onenet-console', scope: 'openid profile' },
  '/api/v1/catalogue': [
    { code: 'sanitation', name: '环境卫生', nameEn: 'Sanitation', department: 'urban-management' },
    { code: 'elderly-care', name: '养老服务', nameEn: 'Elderly care', department: 'civil-affairs' },
  ],
  '/api/v1/departments': [
    { code: 'civil-affairs', name: '民政局', nameEn: 'Civil affairs' },
    { code: 'urban-management', name: '城管局', nameEn: 'Urban management' },
  ],
  '/api/v1/communities': [
    { code: 'xingzhou', name: '星洲社区', nameEn: 'Xingzhou', grids: [{ code: 'xz-01', name: '星洲一网格' }] },
  ],
  '/api/v1/channels': [
    { code: 'HOTLINE', name: '12345热线' },
    { code: 'LIVELIHOOD', name: '民生网' },
  ],
};

const ORDER = {
  id: '0b6f7d3e-6a43-4f7e-9d0c-1f2a3b4c5d6e', trackingNumber: '20261202000000017', channel: 'HOTLINE',
  category: 'elderly-care', title: '独居老人需要助餐服务', urgency: 'NORMAL', status: 'DISPATCHED',
  department: 'civil-affairs', location: { community: 'xingzhou' }, acceptedAt: '2026-12-02T09:15:30+08:00',
  version: 3,
};

function base64Url(text) {
  return Buffer.from(text).toString('base64url');
}

/** A token shaped as the provider's (the console reads its claims, never checks its signature). */
function token(sub, roles, serial) {
  const claims = { sub, roles, iss: ISSUER, aud: ['onenet'], jti: `t-${serial}` };
  return `${base64Url(JSON.stringify({ alg: 'RS256' }))}.${base64Url(JSON.stringify(claims))}.signature-${serial}`;
}

function json(body, status = 200, headers = {}) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The console at {@code hash}, signed in with {@code session} (or not); {@code answer(url, init)} may answer a call
 * before the reference data and the defaults do. Answers the window, the calls made and the errors thrown.
 */
function openConsole({ hash = '', session = null, answer = () => null }) {
  const errors = [];
  const calls = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (error) => errors.push(String(error && (error.stack || error.message))));
  virtualConsole.on('error', (...args) => errors.push(args.map(String).join(' ')));
  const html = fs.readFileSync(path.join(STATIC, 'index.html'), 'utf8');
  const dom = new JSDOM(html, {
    url: `${ORIGIN}/${hash}`, runScripts: 'outside-only', pretendToBeVisual: true, virtualConsole,
  });
  const { window } = dom;
  Object.defineProperty(window, 'crypto', { value: webcrypto, configurable: true });
  window.TextEncoder = TextEncoder;
  window.TextDecoder = TextDecoder;
  // what jsdom lacks of a browser: scrolling an element into view (nothing to scroll here), a dialog's modal opening
  if (!window.Element.prototype.scrollIntoView) window.Element.prototype.scrollIntoView = () => {};
  const dialogs = window.HTMLDialogElement.prototype;
  if (!dialogs.showModal) {
    dialogs.showModal = function showModal() { this.setAttribute('open', ''); };
    dialogs.close = function close() {
      this.removeAttribute('open');
      this.dispatchEvent(new window.Event('close'));
    };
  }
  if (!window.CSS) window.CSS = {};
  if (!window.CSS.escape) window.CSS.escape = (value) => String(value).replace(/["\\]/g, '\\$&');
  window.fetch = async (input, init = {}) => {
    const url = new URL(String(input), `${ORIGIN}/`);
    const method = (init.method || 'GET').toUpperCase();
    const call = { url, method, headers: { ...(init.headers || {}) }, body: init.body };
    calls.push(call);
    const special = answer(url, call);
    if (special) return special;
    const where = url.origin === ORIGIN ? url.pathname : `${url.origin}${url.pathname}`;
    if (REFERENCE[where]) return json(REFERENCE[where]);
    if (where === '/api/v1/requests' && call.method === 'GET') {
      return json({ content: [ORDER], page: 0, size: 20, totalElements: 1 });
    }
    if (where === '/api/v1/requests/triage') return json({ content: [], page: 0, size: 50, totalElements: 0 });
    return json({ title: 'Not Found', status: 404, detail: `no stand-in for ${call.method} ${where}` }, 404);
  };
  if (session) window.sessionStorage.setItem('onenet.session', JSON.stringify(session));
  process.on('unhandledRejection',
    (reason) => errors.push(`unhandled rejection: ${reason && (reason.stack || reason)}`));
  window.eval(fs.readFileSync(path.join(STATIC, 'app.js'), 'utf8'));
  return { window, document: window.document, calls, errors };
}

/** The Orders tab of someone with {@code roles}, the listed order opened: routing answers it with {@code detail}. */
async function openOrder(sub, roles, detail) {
  const opened = openConsole({
    hash: '#orders', session: session(sub, roles, { expiresIn: 1800000 }),
    answer: (url) => (url.pathname === `/api/v1/requests/${ORDER.id}` ? json(detail) : null),
  });
  await sleep(400);
  opened.document.querySelector('#orders-body tr').click();
  await sleep(300);
  return opened;
}

function session(sub, roles, { expiresIn, lifetime = 1800000, serial = 1 }) {
  return { accessToken: token(sub, roles, serial), idToken: 'id-token', expiresAt: Date.now() + expiresIn, lifetime };
}

/** Waits for the hidden frame of a renewal; answers it and the authorization request it was sent with. */
async function renewalFrame(document) {
  for (let i = 0; i < 100; i++) {
    const frame = document.querySelector('iframe');
    if (frame && frame.src) return { frame, request: new URL(frame.src) };
    await sleep(20);
  }
  return { frame: null, request: null };
}

/** What the identity provider's redirect brings the hidden frame: its page hands the address to the console. */
function frameLandsWith(window, frame, search) {
  window.dispatchEvent(new window.MessageEvent('message', {
    data: { type: 'onenet.sign-in-renewal', search }, origin: ORIGIN, source: frame.contentWindow,
  }));
}

/**
 * An operator's console whose token runs out in 15 s, its renewal's frame landing with {@code landing(state)}; the
 * provider's token endpoint answers {@code renewed}. Answers the console, the code exchanges made and the session.
 */
async function renewalAnswered(renewed, landing) {
  const exchanged = [];
  const start = session('operator', ['OPERATOR'], { expiresIn: 15000, lifetime: 60000 });
  const opened = openConsole({ hash: '#accept', session: start, answer: tokenAnswer(renewed, exchanged) });
  const { frame, request } = await renewalFrame(opened.document);
  frameLandsWith(opened.window, frame, landing(request.searchParams.get('state')));
  await sleep(200);
  return { ...opened, exchanged, start };
}

function tokenAnswer(accessToken, seen) {
  return (url, call) => {
    if (url.origin === ISSUER && url.pathname === '/oauth2/token') {
      seen.push(new URLSearchParams(call.body));
      return json({ access_token: accessToken, id_token: 'id-token-2', token_type: 'Bearer', expires_in: 1800 });
    }
    return null;
  };
}

const results = [];
function check(what, ok, seen) {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${seen === undefined ? '' : ` (saw: ${JSON.stringify(seen)})`}`);
}

function options(document, id) {
  return Array.from(document.querySelector(id).options).map((option) => option.value);
}

/** Fills the accept form as an operator would type a call. */
function typeCall(window, document, title) {
  const form = document.querySelector('#accept-form');
  const set = (name, value) => {
    const field = form.elements.namedItem(name);
    field.value = value;
    field.dispatchEvent(new window.Event(field.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  };
  set('category', 'sanitation');
  set('title', title);
  set('description', '德加社区2幢门口垃圾桶已三天无人清运，气味很大。');
  set('community', 'xingzhou');
  set('grid', 'xz-01');
  set('requesterName', '赵六');
  set('requesterPhone', '139 1234 5678');
}

function postsTo(calls, pathname) {
  return calls.filter((call) => call.method === 'POST' && call.url.origin === ORIGIN && call.url.pathname === pathname);
}

function stored(window) {
  return JSON.parse(window.sessionStorage.getItem('onenet.session') || 'null');
}

const scenarios = {
  /**
   * Every name the script uses is defined, in the browser's own globals (a name used but never defined had left the
   * Orders tab's filter lists empty for a day: the scenarios below run only the paths they take).
   */
  async 'names-defined'() {
    const { ESLint } = require('eslint');
    const globals = require('globals');
    const eslint = new ESLint({
      cwd: STATIC,
      overrideConfigFile: true,
      overrideConfig: {
        languageOptions: { ecmaVersion: 2022, sourceType: 'script', globals: { ...globals.browser } },
        rules: {
          'no-undef': 'error', 'no-redeclare': 'error', 'no-dupe-keys': 'error', 'no-unreachable': 'error',
          'no-const-assign': 'error', 'no-dupe-args': 'error', 'no-func-assign': 'error',
        },
      },
    });
    for (const file of ['app.js']) {
      const [report] = await eslint.lintFiles([file]);
      const problems = report.messages.map((m) => `${file}:${m.line}:${m.column} ${m.ruleId || ''} ${m.message}`);
      check(`${file}: every name used is defined, nothing declared twice, nothing unreachable`, problems.length === 0,
        problems);
    }
    // and every element it looks up by id ($('#…')) is on the page or made by the script: a misspelt id is null
    const script = fs.readFileSync(path.join(STATIC, 'app.js'), 'utf8');
    const page = fs.readFileSync(path.join(STATIC, 'index.html'), 'utf8');
    const ids = (text, pattern) => new Set(Array.from(text.matchAll(pattern), (m) => m[1]));
    const there = new Set([...ids(page, /\bid="([\w-]+)"/g), ...ids(script, /\bid: '([\w-]+)'/g)]);
    const missing = [...ids(script, /\$\('#([\w-]+)'/g)].filter((id) => !there.has(id));
    check('every element looked up by id is on the page', missing.length === 0, missing);
  },

  /** Every list of the Orders tab and the accept form holds the reference data, and the orders are shown. */
  async 'reference-data'() {
    const { window, document, errors } = openConsole({
      hash: '#orders', session: session('supervisor', ['SUPERVISOR'], { expiresIn: 1800000 }),
    });
    await sleep(400);
    const lists = (what, id, expected) => check(what, options(document, id).join() === expected, options(document, id));
    lists('the department filter lists the departments', '#filter-department', ',civil-affairs,urban-management');
    lists('the channel filter lists the channels', '#filter-channel', ',HOTLINE,LIVELIHOOD');
    lists('the category filter lists the catalogue', '#filter-category', ',sanitation,elderly-care');
    lists('the community filter lists the communities', '#filter-community', ',xingzhou');
    lists('the accept form offers the catalogue', '#accept-category', ',sanitation,elderly-care');
    const message = document.querySelector('#accept-message');
    check('no "reference data unavailable" message', message.hidden || !/Reference data/.test(message.textContent),
      message.textContent);
    const body = document.querySelector('#orders-body').textContent;
    check('the order is listed with its department by name',
      body.includes(ORDER.trackingNumber) && body.includes('民政局'), body);
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * An operator takes a call: one request however often the button is pressed, with the form's key, the grid
   * chosen and the caller as typed; the receipt's tracking number and time (Beijing time); the next call a new key.
   */
  async 'accept-call'() {
    const accepted = { id: ORDER.id, trackingNumber: ORDER.trackingNumber, status: 'RECEIVED',
      acceptedAt: '2026-12-02T01:15:30Z' };
    const { window, document, calls, errors } = openConsole({
      hash: '#accept', session: session('operator', ['OPERATOR'], { expiresIn: 1800000 }),
      answer: (url, call) => (call.method === 'POST' && url.pathname === '/api/v1/requests'
        ? sleep(150).then(() => json(accepted, 202)) : null),
    });
    await sleep(300);
    typeCall(window, document, '垃圾清运不及时');
    const button = document.querySelector('#accept-submit');
    button.click();
    button.click(); // a double click
    await sleep(400);
    const posts = postsTo(calls, '/api/v1/requests');
    const sent = posts.length ? JSON.parse(posts[0].body) : {};
    check('one request for a double click', posts.length === 1, posts.length);
    check('sent on the hotline with the form\'s idempotency key', sent.channel === 'HOTLINE'
      && /^[0-9a-f-]{36}$/.test(posts[0].headers['Idempotency-Key'] || ''), posts.map((p) => p.headers));
    check('with the community, its grid and the caller as typed',
      sent.location && sent.location.community === 'xingzhou' && sent.location.grid === 'xz-01'
      && sent.requester.name === '赵六' && sent.requester.phone === '139 1234 5678'
      && sent.category === 'sanitation' && sent.title === '垃圾清运不及时', sent);
    check('the receipt shows the tracking number to read out', document.querySelector('#accept-tracking').textContent
      === ORDER.trackingNumber, document.querySelector('#accept-tracking').textContent);
    const at = document.querySelector('#accept-at').textContent;
    check('and the time in Beijing time, on a PC set to London time', at.includes('09:15'), at);
    check('the form is cleared for the next call, still on the hotline',
      document.querySelector('input[name=title]').value === ''
      && document.querySelector('#accept-channel').value === 'HOTLINE'
      && document.querySelector('#accept-message').textContent.includes('已受理'));
    await sleep(50);
    typeCall(window, document, '路灯不亮');
    button.click();
    await sleep(400);
    const next = postsTo(calls, '/api/v1/requests');
    check('the next call goes with a key of its own', next.length === 2
      && next[1].headers['Idempotency-Key'] !== next[0].headers['Idempotency-Key'], next.map((p) => p.headers));
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * As the operator types the caller's phone, the requests that number made show beside the form, newest first, by
   * status, tracking number, title, time and department; one opens, all open in the Orders tab; a short or unreadable
   * number asks nothing or shows nothing; the next call starts without them.
   */
  async 'caller-history'() {
    const earlier = (n, extra) => ({ ...ORDER, id: `00000000-0000-4000-8000-00000000000${n}`,
      trackingNumber: `2026120100000000${n}`, title: `路灯不亮 ${n}`, acceptedAt: `2026-12-01T0${n}:00:00Z`, ...extra });
    const { window, document, calls, errors } = openConsole({
      hash: '#accept', session: session('operator', ['OPERATOR'], { expiresIn: 1800000 }),
      answer: (url, call) => {
        if (call.method === 'POST' && url.pathname === '/api/v1/requests') {
          return json({ id: ORDER.id, trackingNumber: ORDER.trackingNumber, status: 'RECEIVED',
            acceptedAt: '2026-12-02T01:15:30Z' }, 202);
        }
        if (url.pathname === '/api/v1/requests' && url.searchParams.get('phone') === '139 1234 56') {
          return json({ type: 'https://onenet.cn/problems/validation', title: 'Bad Request', status: 400,
            detail: 'Invalid request', errors: [{ field: 'phone', message: 'is not a phone number' }] }, 400);
        }
        if (url.pathname === '/api/v1/requests' && url.searchParams.has('phone')) {
          return json({ content: [earlier(2, { status: 'IN_PROGRESS' }), earlier(1, { status: 'CLOSED' })],
            totalElements: 7, next: 'x' });
        }
        if (url.pathname.startsWith('/api/v1/requests/0000')) return json({ ...earlier(2), timeline: [] });
        return null;
      },
    });
    await sleep(300);
    const phone = document.querySelector('input[name=requesterPhone]');
    const type = async (value) => {
      phone.value = value;
      phone.dispatchEvent(new window.Event('input', { bubbles: true }));
      await sleep(700);
    };
    const lookups = () => calls.filter((call) => call.method === 'GET' && call.url.pathname === '/api/v1/requests'
      && call.url.searchParams.has('phone'));
    await type('139 12');
    check('a number too short to be a phone asks nothing', lookups().length === 0
      && document.querySelector('#caller-history').hidden);
    await type('139 1234 56');
    check('one routing can\'t read shows nothing (the form says so on submitting)', lookups().length === 1
      && document.querySelector('#caller-history').hidden);
    await type('139 1234 5678');
    const asked = lookups()[lookups().length - 1].url.searchParams;
    check('the number\'s requests asked for as typed, a few', asked.get('phone') === '139 1234 5678'
      && asked.get('size') === '5' && !asked.has('after'), String(asked));
    const items = Array.from(document.querySelectorAll('#caller-history-list li')).map((li) => li.textContent);
    check('newest first: status, tracking number, title, Beijing time, department',
      !document.querySelector('#caller-history').hidden && items.length === 2 && items[0].includes('办理中')
      && items[0].includes('20261201000000002') && items[0].includes('路灯不亮 2') && items[0].includes('12/01 10:00')
      && items[0].includes('民政局') && items[1].includes('已关闭'), items);
    check('how many in all, and the way to them', document.querySelector('#caller-history-count').textContent === '7'
      && !document.querySelector('#caller-history-all').hidden);
    document.querySelector('#caller-history-list button').click();
    await sleep(300);
    check('an earlier request opens', calls.some((call) => call.url.pathname
      === '/api/v1/requests/00000000-0000-4000-8000-000000000002') && document.querySelector('dialog').hasAttribute('open'));
    document.querySelector('#detail-close').click();
    document.querySelector('#caller-history-all').click();
    await sleep(400);
    const last = calls.filter((call) => call.method === 'GET' && call.url.pathname === '/api/v1/requests').pop();
    check('all of them in the Orders tab, by that number', window.location.hash === '#orders'
      && document.querySelector('#filter-phone').value === '139 1234 5678'
      && last.url.searchParams.get('phone') === '139 1234 5678' && last.url.searchParams.get('size') === '20',
    last.url.search);
    document.querySelector('#tab-accept').click();
    typeCall(window, document, '路灯不亮');
    document.querySelector('#accept-submit').click();
    await sleep(700);
    check('the next call starts without the last caller\'s requests', document.querySelector('#caller-history').hidden
      && document.querySelector('input[name=requesterPhone]').value === '');
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /** Intake refuses a field: the error stands beside it, the first one marked gets the focus, nothing typed is lost. */
  async 'accept-field-errors'() {
    const { window, document, errors } = openConsole({
      hash: '#accept', session: session('operator', ['OPERATOR'], { expiresIn: 1800000 }),
      answer: (url, call) => (call.method === 'POST' && url.pathname === '/api/v1/requests' ? json({
        type: 'https://onenet.cn/problems/validation', title: 'Bad Request', status: 400, detail: 'Invalid request',
        correlationId: 'c-400', errors: [
          { field: 'requester.phone', message: '不是有效的电话号码 not a phone number' },
          { field: 'title', message: '不能为空 must not be blank' }],
      }, 400) : null),
    });
    await sleep(300);
    typeCall(window, document, '路灯不亮');
    document.querySelector('#accept-submit').click();
    await sleep(300);
    const field = (name) => document.querySelector(`[data-field="${name}"]`);
    check('the phone is marked with intake\'s words', field('requester.phone').classList.contains('invalid')
      && field('requester.phone').querySelector('.error').textContent.includes('not a phone number'),
      field('requester.phone').textContent);
    check('the title too', field('title').classList.contains('invalid'));
    check('a field not named is not marked', !field('description').classList.contains('invalid'));
    const focused = document.activeElement;
    check('the first marked field has the focus', focused === document.querySelector('input[name=title]'),
      focused && focused.name);
    const message = document.querySelector('#accept-message').textContent;
    check('the message asks for the marked fields, with the correlation id',
      message.includes('Please correct the marked') && message.includes('c-400'), message);
    check('what was typed is kept', document.querySelector('textarea[name=description]').value.startsWith('德加社区')
      && document.querySelector('input[name=requesterPhone]').value === '139 1234 5678');
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * A dispatcher dispatches from the queue, on the order as listed (If-Match) with the decision's key; an order
   * changed since is refused and said so, nothing dispatched; then dispatched.
   */
  async 'triage-dispatch'() {
    const waiting = { ...ORDER, status: 'TRIAGE', category: 'sanitation', community: 'xingzhou', department: null,
      urgency: 'URGENT', since: '2026-12-02T01:20:00Z',
      reason: 'no rule matches and no department is responsible for category sanitation',
      version: 4 };
    let refuse = true;
    const { window, document, calls, errors } = openConsole({
      hash: '#triage', session: session('dispatcher', ['DISPATCHER'], { expiresIn: 1800000 }),
      answer: (url, call) => {
        if (url.pathname === '/api/v1/requests/triage') {
          return json({ content: [waiting], totalElements: 1, page: 0, size: 50 });
        }
        if (call.method === 'POST' && url.pathname === `/api/v1/requests/${ORDER.id}/dispatch`) {
          if (refuse) {
            refuse = false;
            const detail = 'The order changed since version 4';
            return json({ title: 'Precondition Failed', status: 412, detail }, 412);
          }
          return json({ ...waiting, status: 'DISPATCHED', department: 'urban-management', version: 5 });
        }
        return null;
      },
    });
    await sleep(400);
    const item = document.querySelector('#triage-list .triage-item');
    check('the queue shows the order and why it waits, in Chinese with the category by name', item !== null
      && item.textContent.includes(ORDER.trackingNumber)
      && item.textContent.includes('无匹配的派单规则，目录中也无单位负责「环境卫生」')
      && !item.textContent.includes('no rule matches'), item && item.textContent);
    const choose = (department) => {
      const select = document.querySelector('#triage-list .triage-item select');
      select.value = department;
      select.dispatchEvent(new window.Event('change', { bubbles: true }));
      document.querySelector('#triage-list .triage-item button.primary').click();
    };
    choose('urban-management');
    await sleep(400);
    const first = postsTo(calls, `/api/v1/requests/${ORDER.id}/dispatch`);
    check('dispatched on the order as listed, with the decision\'s key', first.length === 1
      && first[0].headers['If-Match'] === '"4"' && Boolean(first[0].headers['Idempotency-Key'])
      && JSON.parse(first[0].body).department === 'urban-management', first.map((c) => [c.headers, c.body]));
    const message = document.querySelector('#triage-message').textContent;
    check('a changed order is said so, nothing dispatched', message.includes('在列出后已被他人更改')
      && message.includes('Nothing was dispatched'), message);
    choose('urban-management');
    await sleep(400);
    const toast = document.querySelector('#toast').textContent;
    check('dispatched the second time', postsTo(calls, `/api/v1/requests/${ORDER.id}/dispatch`).length === 2
      && toast.includes('已派单至 城管局'), toast);
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * A refusal says what it means in Chinese above the services' detail: a dispatch refused in the order's state, beside
   * its entry; the order list while routing is down, with when to try again.
   */
  async refusals() {
    const waiting = { ...ORDER, status: 'TRIAGE', department: null, version: 2 };
    const { window, document, errors } = openConsole({
      hash: '#triage', session: session('supervisor', ['SUPERVISOR'], { expiresIn: 1800000 }),
      answer: (url, call) => {
        if (url.pathname === '/api/v1/requests/triage') return json({ content: [waiting], totalElements: 1 });
        if (call.method === 'POST' && url.pathname.endsWith('/dispatch')) {
          return json({ type: 'https://onenet.cn/problems/transition-refused', title: 'Conflict', status: 409,
            detail: `Order ${ORDER.id} is REJECTED; it can't be dispatched.`, correlationId: 'c-409' }, 409);
        }
        if (call.method === 'GET' && url.pathname === '/api/v1/requests') {
          return json({ type: 'https://onenet.cn/problems/service-unavailable', title: 'Service Unavailable',
            status: 503, detail: 'routing-service is unavailable' }, 503, { 'Retry-After': '5' });
        }
        return null;
      },
    });
    await sleep(400);
    const select = document.querySelector('#triage-list .triage-item select');
    select.value = 'civil-affairs';
    select.dispatchEvent(new window.Event('change', { bubbles: true }));
    document.querySelector('#triage-list .triage-item button.primary').click();
    await sleep(300);
    const note = document.querySelector('#triage-list .triage-item .message').textContent;
    check('a dispatch refused in its state: in Chinese, then the service\'s words and the correlation id',
      note.startsWith('当前状态下不能执行此操作。') && note.includes('is REJECTED') && note.includes('c-409'), note);
    document.querySelector('#tab-orders').click();
    await sleep(400);
    const down = document.querySelector('#orders-message').textContent;
    check('routing down: said in Chinese, with when to try again', down.startsWith('服务暂不可用，请稍后重试。')
      && down.includes('routing-service is unavailable') && down.includes('请 5 秒后重试'), down);
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * The supervisors' tab: the last 30 days' rates per department, each row opening exactly the orders it counts (the
   * never-dispatched row too); the backlog per department with its ageing; a department's overdue count listing its
   * late orders, most overdue first, a page at a time.
   */
  async supervision() {
    const late = (n) => ({ id: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
      trackingNumber: `2026120200000000${n}`, title: `超时工单 ${n}`, department: 'civil-affairs',
      deadline: 'ACKNOWLEDGE', due: '2026-12-01T02:00:00Z', overdueMinutes: 600 - n, escalation: 'REMINDER',
      followUps: n === 1 ? 2 : 0 });
    const overdueAsked = [];
    const { window, document, calls, errors } = openConsole({
      hash: '#supervision', session: session('supervisor', ['SUPERVISOR'], { expiresIn: 1800000 }),
      answer: (url) => {
        if (url.pathname === '/api/v1/stats/summary') {
          return json({ asOf: '2026-12-02T01:30:00Z', rows: [
            { key: 'civil-affairs', name: '民政局', received: 10, dispatched: 9, responseRate: 0.9, resolutionRate: 0.5,
              satisfactionRate: 1, resolved: 5, overdue: 2, followedUp: 3, followUps: 5, followUpRate: 0.3 },
            { key: null, name: null, received: 3, dispatched: 0, resolved: 0, overdue: 0 }],
            total: { received: 13, dispatched: 9, responseRate: 0.6923, resolved: 5, overdue: 2 } });
        }
        if (url.pathname === '/api/v1/supervision/backlog') {
          const row = { department: 'civil-affairs', name: '民政局', open: 4, byStatus: { DISPATCHED: 3, ACKNOWLEDGED: 1 },
            ageing: { underOneDay: 1, oneToThreeDays: 3, threeToSevenDays: 0, sevenDaysOrMore: 0 }, overdue: 3,
            followedUp: 2 };
          return json({ asOf: '2026-12-02T01:30:00Z', rows: [row], total: { ...row, department: undefined } });
        }
        if (url.pathname === '/api/v1/supervision/overdue') {
          overdueAsked.push(url.searchParams);
          const after = url.searchParams.get('after');
          return json(after === 'p2' ? { content: [late(3)], totalElements: 3 }
            : { content: [late(1), late(2)], totalElements: 3, next: 'p2' });
        }
        if (url.pathname === '/api/v1/supervision/extensions') return json({ content: [], totalElements: 0 });
        return null;
      },
    });
    await sleep(500);
    const summary = Array.from(document.querySelectorAll('#summary-body tr'), (tr) => tr.textContent);
    check('the summary: a row per department with its rates, the never-dispatched row named', summary.length === 2
      && summary[0].includes('民政局') && summary[0].includes('90.0%') && summary[0].includes('50.0%')
      && summary[1].includes('未派单'), summary);
    const civilCells = Array.from(document.querySelectorAll('#summary-body tr')[0].cells, (td) => td.textContent);
    check('and how many orders the callers asked after (催办件), how often (催办次数), and the rate',
      civilCells.length === 11 && civilCells[8] === '3' && civilCells[9] === '5' && civilCells[10] === '30.0%',
      civilCells);
    const asked = calls.find((c) => c.url.pathname === '/api/v1/stats/summary').url.searchParams;
    check('for the last 30 days, by department', asked.get('groupBy') === 'department'
      && /^\d{4}-\d{2}-\d{2}$/.test(asked.get('from')) && asked.get('from') < asked.get('to'), String(asked));
    const backlog = document.querySelector('#backlog-body tr').textContent;
    check('the backlog: open orders by status and age', backlog.includes('民政局') && backlog.includes('4')
      && document.querySelector('#backlog-head').textContent.includes('1–3天'), backlog);
    const backlogCells = document.querySelector('#backlog-body tr').cells;
    check('and how many of them the callers asked after', document.querySelector('#backlog-head').textContent
      .includes('来电催办') && backlogCells[backlogCells.length - 1].textContent === '2',
      backlogCells[backlogCells.length - 1].textContent);
    document.querySelector('#backlog-body button.link').click();
    await sleep(300);
    const listed = Array.from(document.querySelectorAll('#overdue-body tr'), (tr) => tr.textContent);
    check('a department\'s overdue count lists its late orders, most overdue first', listed.length === 2
      && listed[0].includes('超时工单 1') && overdueAsked[overdueAsked.length - 1].get('department') === 'civil-affairs',
      listed);
    const followUps = Array.from(document.querySelectorAll('#overdue-body tr'), (tr) => tr.cells[7].textContent);
    check('each late order with how often its caller asked after it', followUps.join() === '2,—', followUps);
    document.querySelector('#overdue-next').click();
    await sleep(300);
    check('and reads on from where the page ended', overdueAsked[overdueAsked.length - 1].get('after') === 'p2'
      && document.querySelector('#overdue-body').textContent.includes('超时工单 3'),
      String(overdueAsked[overdueAsked.length - 1]));
    document.querySelector('#summary-body tr').click();
    await sleep(400);
    const drilled = calls.filter((c) => c.url.pathname === '/api/v1/requests').pop();
    check('a summary row opens the Orders tab on exactly its orders', drilled
      && drilled.url.searchParams.get('dispatchedTo') === 'civil-affairs'
      && drilled.url.searchParams.get('acceptedFrom') === asked.get('from')
      && drilled.url.searchParams.get('acceptedTo') === asked.get('to')
      && !document.querySelector('#panel-orders').hidden && !document.querySelector('#orders-drill').hidden,
      drilled && String(drilled.url.searchParams));
    const followedUp = document.querySelector('#filter-followed-up');
    followedUp.value = 'true';
    followedUp.dispatchEvent(new window.Event('change', { bubbles: true }));
    await sleep(300);
    const asking = calls.filter((c) => c.url.pathname === '/api/v1/requests').pop();
    check('the follow-up filter keeps the row\'s orders the callers asked after', asking
      && asking.url.searchParams.get('followedUp') === 'true'
      && asking.url.searchParams.get('dispatchedTo') === 'civil-affairs', asking && String(asking.url.searchParams));
    document.querySelector('#tab-supervision').click();
    await sleep(300);
    document.querySelectorAll('#summary-body tr')[1].click();
    await sleep(400);
    const never = calls.filter((c) => c.url.pathname === '/api/v1/requests').pop();
    check('the never-dispatched row lists the orders never dispatched',
      never.url.searchParams.get('dispatched') === 'false' && !never.url.searchParams.has('dispatchedTo'),
      String(never.url.searchParams));
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * A supervisor opens an order from the list: its facts by name, the deadline it is late on marked, its timeline in
   * Beijing time with who did what, the requester as routing masks them.
   */
  async 'order-detail'() {
    const detail = { ...ORDER, description: '星洲社区3幢的独居老人行动不便，希望每天有人送餐。',
      location: { community: 'xingzhou', grid: 'xz-01', address: '星洲社区3幢2单元' },
      requester: { name: '张*', phone: '138****8000' },
      deadlines: { acknowledgeBy: '2026-12-02T02:15:30Z', resolveBy: '2026-12-09T01:15:30Z',
        lateFrom: '2026-12-02T02:15:30Z' },
      timeline: [
        { type: 'RECEIVED', at: '2026-12-02T01:15:30Z', actor: 'channel:LIVELIHOOD' },
        { type: 'DISPATCHED', at: '2026-12-02T01:15:31Z', actor: 'routing', department: 'civil-affairs',
          note: 'catalogue: elderly-care is handled by civil-affairs' },
        { type: 'ESCALATED', at: '2026-12-02T01:45:31Z', actor: 'supervision', department: 'civil-affairs',
          note: '预警 WARNING: sign-for due 2026-12-02T10:15:30+08:00' },
        { type: 'RETURNED', at: '2026-12-02T01:50:00Z', actor: 'department:civil-affairs',
          department: 'civil-affairs', note: 'from civil-affairs: 不属本单位职责' }],
    };
    const { window, document, errors } = await openOrder('supervisor', ['SUPERVISOR'], detail);
    const dialog = document.querySelector('dialog');
    const text = dialog.textContent;
    const title = document.querySelector('#detail-title').textContent;
    check('the order opens in its dialog', dialog.hasAttribute('open') && title.includes(ORDER.title), title);
    check('its community, grid and department by name', text.includes('星洲社区') && text.includes('星洲一网格')
      && text.includes('民政局'), text.slice(0, 400));
    const late = Array.from(dialog.querySelectorAll('.deadline.late')).map((d) => d.textContent);
    check('the sign-for deadline it is late on is marked, in Beijing time', late.length === 1
      && late[0].includes('Acknowledge by') && late[0].includes('10:15') && late[0].includes('overdue'), late);
    const steps = Array.from(dialog.querySelectorAll('.timeline li')).map((li) => li.textContent);
    check('the timeline in Beijing time: received from 民生网, dispatched by routing by the catalogue', steps.length === 4
      && steps[0].includes('受理') && steps[0].includes('09:15') && steps[0].includes('民生网')
      && steps[1].includes('派单') && steps[1].includes('系统派单 · 民政局')
      && steps[1].includes('按事项目录：养老服务由民政局承办') && !steps[1].includes('is handled by'), steps);
    check('routing\'s escalation said in Chinese', steps[2].includes('督办系统')
      && steps[2].includes('预警：签收时限 2026/12/02 10:15') && !steps[2].includes('WARNING'), steps[2]);
    check('a department\'s step named once, its note as typed (a person\'s words are not read as routing\'s)',
      steps[3].includes('· 民政局') && !steps[3].includes('民政局 · 民政局')
      && steps[3].includes('from civil-affairs: 不属本单位职责'), steps[3]);
    check('the requester as routing masked them, no way to read them in clear for a supervisor',
      document.querySelector('#detail-requester').textContent.startsWith('张* · 138****8000')
      && !document.querySelector('#detail-requester form'), document.querySelector('#detail-requester').textContent);
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * 来电催办: the orders list marks an order its requester asked after again; an operator opens it, sees how often and
   * each time on the timeline, and records the caller asking again (what they said, on the version opened, under a
   * key of the decision); a follow-up without what was said is refused on its field; a supervisor is not offered it.
   */
  async 'follow-up'() {
    const followed = { type: 'FOLLOWED_UP', at: '2026-12-02T03:00:00Z', actor: 'operator:wang',
      department: 'civil-affairs', note: '来电询问进展' };
    const detail = { ...ORDER, followUps: 1, timeline: [
      { type: 'RECEIVED', at: '2026-12-02T01:15:30Z', actor: 'operator:wang' },
      { type: 'DISPATCHED', at: '2026-12-02T01:15:31Z', actor: 'routing', department: 'civil-affairs',
        note: 'catalogue: elderly-care is handled by civil-affairs' }, followed] };
    const posts = [];
    const answer = (url, call) => {
      if (url.pathname === '/api/v1/requests' && call.method === 'GET') {
        return json({ content: [{ ...ORDER, followUps: 1 }], page: 0, size: 20, totalElements: 1 });
      }
      if (url.pathname === `/api/v1/requests/${ORDER.id}/follow-ups`) {
        posts.push(call);
        const body = JSON.parse(call.body);
        if (!body.note) {
          return json({ type: 'https://onenet.cn/problems/validation', title: 'Bad Request', status: 400,
            detail: 'Invalid request', errors: [{ field: 'note', message: 'must not be blank' }] }, 400);
        }
        return json({ ...detail, version: 4, followUps: 2, timeline: [...detail.timeline,
          { ...followed, at: '2026-12-02T05:00:00Z', note: body.note }] });
      }
      if (url.pathname === `/api/v1/requests/${ORDER.id}`) return json(detail);
      return null;
    };
    const { window, document, errors } = openConsole({
      hash: '#orders', session: session('wang', ['OPERATOR'], { expiresIn: 1800000 }), answer });
    await sleep(400);
    const row = document.querySelector('#orders-body tr');
    check('the list marks an order its requester asked after again', row.textContent.includes('催办 1'),
      row.textContent);
    row.click();
    await sleep(300);
    const dialog = document.querySelector('dialog');
    check('the order says how often the requester asked after it', dialog.querySelector('.facts').textContent
      .includes('来电催办 Caller follow-ups1 次 · 1 time'),
      dialog.querySelector('.facts').textContent);
    const steps = Array.from(dialog.querySelectorAll('.timeline li')).map((li) => li.textContent);
    check('each time on its timeline, with who took the call and what was said', steps.length === 3
      && steps[2].includes('来电催办') && steps[2].includes('来电询问进展'), steps);
    const form = Array.from(dialog.querySelectorAll('form.action-group'))
      .find((f) => f.querySelector('h4').textContent.startsWith('来电催办'));
    check('an operator is offered to record it', Boolean(form));
    form.dispatchEvent(new window.Event('submit', { cancelable: true }));
    await sleep(300);
    const noteField = form.querySelector('[data-field="note"]');
    check('without what the caller said it is refused on the field', posts.length === 1
      && noteField.classList.contains('invalid'), noteField.textContent);
    form.querySelector('textarea[name=note]').value = '  反映仍未送餐，希望尽快处理 ';
    form.dispatchEvent(new window.Event('submit', { cancelable: true }));
    await sleep(400);
    const sent = posts[posts.length - 1];
    check('recorded with what was said, on the version opened, under a key of the decision',
      sent.body === JSON.stringify({ note: '反映仍未送餐，希望尽快处理' }) && sent.headers['If-Match'] === '"3"'
      && Boolean(sent.headers['Idempotency-Key']), sent);
    check('the order as routing answered: asked after twice', document.querySelector('dialog .facts').textContent
      .includes('Caller follow-ups2 次 · 2 times') && document.querySelectorAll('dialog .timeline li').length === 4,
    document.querySelector('dialog .facts').textContent);
    check('and said to whom it went', document.querySelector('#toast').textContent.includes('已告知民政局'),
      document.querySelector('#toast').textContent);
    check('no script errors', errors.length === 0, errors);
    window.close();

    const supervisor = openConsole({
      hash: '#orders', session: session('supervisor', ['SUPERVISOR'], { expiresIn: 1800000 }), answer });
    await sleep(400);
    supervisor.document.querySelector('#orders-body tr').click();
    await sleep(300);
    check('a supervisor is not offered it', !Array.from(supervisor.document.querySelectorAll('form.action-group h4'))
      .some((h4) => h4.textContent.startsWith('来电催办')));
    supervisor.window.close();
  },

  /**
   * A supervisor reads who saw whom in clear: newest first in Beijing time with the reader's role and department, the
   * fields in Chinese; on from where the page ended and back; a filter by tracking number, reader and days (the last
   * included); a refused filter marked on its field; a record opens its order.
   */
  async 'access-audit'() {
    const record = (n, extra = {}) => ({ id: `a-${n}`, at: `2026-12-02T01:2${n}:00Z`, actor: 'operator',
      clientId: 'onenet-console', roles: ['OPERATOR'], department: null, orderId: ORDER.id,
      trackingNumber: ORDER.trackingNumber, fields: ['name', 'phone', 'idNumber'], reason: `回访核实 ${n}`,
      correlationId: `c-${n}`, ...extra });
    const asked = [];
    const { window, document, calls, errors } = openConsole({
      hash: '#supervision', session: session('supervisor', ['SUPERVISOR'], { expiresIn: 1800000 }),
      answer: (url) => {
        if (url.pathname === `/api/v1/requests/${ORDER.id}`) return json({ ...ORDER, timeline: [] });
        if (url.pathname !== '/api/v1/personal-data-access') return null;
        asked.push(url.searchParams);
        const from = url.searchParams.get('from');
        const to = url.searchParams.get('to');
        if (from && to && !(new Date(from) < new Date(to))) {
          return json({ type: 'https://onenet.cn/problems/validation', title: 'Bad Request', status: 400,
            detail: 'Invalid request', correlationId: 'c-400', errors: [{ field: 'to', message: 'must be after from' }],
          }, 400);
        }
        if (url.searchParams.get('after') === 'r2') return json({ content: [record(1)], totalElements: 3, next: null });
        return json({ content: [record(3), record(2, { actor: 'civil-affairs-system', roles: ['DEPARTMENT_SYSTEM'],
          department: 'civil-affairs', fields: ['name', 'phone', 'description'] })], totalElements: 3, next: 'r2' });
      },
    });
    await sleep(500);
    const rows = () => Array.from(document.querySelectorAll('#access-body tr'))
      .map((tr) => Array.from(tr.cells).map((td) => td.textContent));
    let shown = rows();
    check('the newest first, in Beijing time, the reader with role, the fields in Chinese', shown.length === 2
      && shown[0][0] === '2026/12/02 09:23' && shown[0][1] === 'operator话务员'
      && shown[0][3] === '姓名、电话、身份证号' && shown[0][4] === '回访核实 3' && shown[0][5] === 'c-3', shown);
    check('a department system\'s read names its department; free text as submitted said so',
      shown[1][1] === 'civil-affairs-system承办单位系统 · 民政局' && shown[1][3] === '姓名、电话、描述原文', shown[1]);
    check('the first page asked without a position', asked.length === 1 && !asked[0].has('after')
      && asked[0].get('size') === '20', asked.map(String));
    document.querySelector('#access-next').click();
    await sleep(200);
    shown = rows();
    check('the next page reads on from where the page ended', String(asked[asked.length - 1]) === 'after=r2&size=20'
      && shown.length === 1 && shown[0][4] === '回访核实 1', asked.map(String));
    check('the page said, no page after it', document.querySelector('#access-page-info').textContent.startsWith(
      '第 2 页，共 3 条') && document.querySelector('#access-next').disabled, document.querySelector('#access-pager')
      .textContent);
    document.querySelector('#access-prev').click();
    await sleep(200);
    check('back to the first page, from the top', !asked[asked.length - 1].has('after') && rows().length === 2,
      asked.map(String));

    const form = document.querySelector('#access-form');
    const set = (name, value) => { form.querySelector(`[name=${name}]`).value = value; };
    set('trackingNumber', ` ${ORDER.trackingNumber.slice(0, 4)} ${ORDER.trackingNumber.slice(4, 8)}-${
      ORDER.trackingNumber.slice(8)} `); // as read out
    set('from', '2026-12-02');
    set('to', '2026-12-01');
    form.dispatchEvent(new window.Event('submit', { cancelable: true }));
    await sleep(200);
    const toField = form.querySelector('[data-field="to"]');
    check('a refused filter is marked on its field', toField.classList.contains('invalid')
      && toField.querySelector('.error').textContent === 'must be after from', toField.textContent);
    set('from', '2026-12-01');
    set('to', '2026-12-02');
    set('actor', 'operator');
    form.dispatchEvent(new window.Event('submit', { cancelable: true }));
    await sleep(200);
    const filtered = asked[asked.length - 1];
    check('the filter as routing takes it: the days from midnight in Beijing, the last day included',
      filtered.get('trackingNumber') === ORDER.trackingNumber && filtered.get('actor') === 'operator'
      && filtered.get('from') === '2026-12-01T00:00:00+08:00' && filtered.get('to') === '2026-12-03T00:00:00+08:00'
      && !filtered.has('after'), String(filtered));
    check('the mark goes once the filter is taken', !toField.classList.contains('invalid'));
    document.querySelector('#access-body tr button').click();
    await sleep(300);
    check('a record opens its order', calls.some((call) => call.url.pathname === `/api/v1/requests/${ORDER.id}`)
      && document.querySelector('dialog').hasAttribute('open'), calls.map((call) => call.url.pathname));
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * An administrator opens on the operations tab: parked webhook deliveries by name and event, newest first, read on
   * by position; one retried, or every one of a target; each service's dead letters waiting per topic with why, one
   * replayed or all of a topic at the service that parked it, superseded snapshots counted apart and left; a service
   * that does not answer is named while the other's are still shown; the tab's badge counts what waits.
   */
  async operations() {
    const delivery = (n) => ({ id: `d-${n}`, target: 'department:civil-affairs', eventId: `e-${n}`,
      type: 'cn.onenet.request.dispatched.v1', orderId: ORDER.id, sequence: n, state: 'PARKED', attempts: 10,
      lastError: 'HTTP 503 from the endpoint', createdAt: `2026-12-02T01:1${n}:00Z`, nextAttemptAt: null });
    let replayed = false;
    let intakeReplayed = false;
    let intakeDown = false;
    const posts = [];
    const { document, window, calls, errors } = openConsole({
      hash: '', session: session('admin', ['ADMIN'], { expiresIn: 1800000 }),
      answer: (url, call) => {
        if (call.method === 'POST') posts.push({ path: url.pathname, search: url.search, body: call.body });
        if (url.pathname === '/api/v1/webhooks') {
          return json([{ target: 'department:civil-affairs', url: 'https://civil.example/hook', enabled: true },
            { target: 'channel:LIVELIHOOD', url: 'https://ms.example/hook', enabled: false }]);
        }
        if (url.pathname === '/api/v1/webhooks/deliveries') {
          if (url.searchParams.get('after') === 'p2') return json({ content: [delivery(1)], totalElements: 3 });
          return json({ content: [delivery(3), delivery(2)], totalElements: 3, next: 'p2' });
        }
        if (url.pathname === '/api/v1/webhooks/deliveries/d-3/retry') return json({ ...delivery(3), state: 'PENDING' });
        if (url.pathname === '/api/v1/webhooks/deliveries/retry') {
          return json({ target: url.searchParams.get('target'), requeued: 3, hurried: 1 });
        }
        if (url.pathname === '/api/v1/admin/intake/dead-letters/replay') {
          intakeReplayed = true;
          return json({ topic: 'onenet.reference.v1', replayed: [{ partition: 0, offset: 2 }], alreadyReplayed: 0,
            superseded: 1 });
        }
        if (url.pathname === '/api/v1/admin/intake/dead-letters') {
          if (intakeDown) {
            return json({ title: 'Service Unavailable', status: 503,
              detail: 'request-intake-service is not answering; try again shortly.' }, 503);
          }
          return json({ topics: [{ topic: 'onenet.reference.v1', deadLetterTopic: 'onenet.reference.v1.dlt', parked: 2,
            pending: intakeReplayed ? 0 : 1, superseded: 1, truncated: false, deadLetters: intakeReplayed ? []
              : [{ partition: 0, offset: 2, key: 'snapshot', parkedAt: '2026-12-02T01:07:00Z',
                eventType: 'cn.onenet.reference.published.v1', eventId: 'e-7', exception: 'org.springframework.kafka'
                  + '.listener.ListenerExecutionFailedException', message: 'Unexpected end-of-input',
                cause: 'tools.jackson.core.exc.UnexpectedEndOfInputException', replay: null, supersededBy: null }] }] });
        }
        if (url.pathname === '/api/v1/admin/dead-letters/replay') {
          replayed = true;
          return json({ topic: 'onenet.requests.submitted.v1', replayed: [{ partition: 0, offset: 5 }],
            alreadyReplayed: 0 });
        }
        if (url.pathname === '/api/v1/admin/dead-letters') {
          return json({ topics: [
            { topic: 'onenet.requests.submitted.v1', deadLetterTopic: 'onenet.requests.submitted.v1.dlt', parked: 2,
              pending: replayed ? 0 : 1, truncated: false, deadLetters: replayed ? [] : [{ partition: 0, offset: 5,
                key: 'k-5', parkedAt: '2026-12-02T01:05:00Z', eventType: 'cn.onenet.request.submitted.v1',
                eventId: 'e-5', exception: 'org.springframework.kafka.listener.ListenerExecutionFailedException',
                message: 'Listener method \'void cn.onenet.routing.workorder.messaging.SubmissionListener.on(org.apache'
                  + '.kafka.clients.consumer.ConsumerRecord<java.lang.String, byte[]>)\' threw exception; Record has no'
                  + ' ce_type header', cause: 'cn.onenet.platform.kafka.EventDecodingException', replay: null }] },
            { topic: 'onenet.requests.lifecycle.v1', deadLetterTopic: 'onenet.requests.lifecycle.v1.dlt', parked: 0,
              pending: 0, truncated: false, deadLetters: [] }] });
        }
        return null;
      },
    });
    await sleep(500);
    check('an administrator opens on the operations tab', window.location.hash === '#operations'
      && !document.querySelector('#panel-operations').hidden, window.location.hash);
    const rows = () => Array.from(document.querySelectorAll('#deliveries-body tr'))
      .map((tr) => Array.from(tr.cells).map((td) => td.textContent));
    let shown = rows();
    check('parked deliveries newest first: when in Beijing time, the department by name, the event in Chinese',
      shown.length === 2 && shown[0][0] === '2026/12/02 09:13' && shown[0][1] === '民政局'
      && shown[0][2].startsWith('派单 Dispatched') && shown[0][2].includes('#3') && shown[0][3] === '10'
      && shown[0][4] === 'HTTP 503 from the endpoint' && shown[0][5].startsWith('已搁置'), shown);
    const listed = calls.filter((call) => call.url.pathname === '/api/v1/webhooks/deliveries');
    check('asked for the parked ones', listed.length === 1 && listed[0].url.searchParams.get('state') === 'PARKED'
      && !listed[0].url.searchParams.has('after'), listed.map((call) => call.url.search));
    check('the targets to choose from, by name', Array.from(document.querySelectorAll('#deliveries-target option'))
      .map((option) => option.textContent).join('|').includes('民政局 · department:civil-affairs'));
    check('the tab\'s badge counts parked deliveries and both services\' dead letters waiting',
      document.querySelector('#operations-count').textContent === '5', document.querySelector('#operations-count')
      .textContent);
    document.querySelector('#deliveries-next').click();
    await sleep(200);
    check('the next page reads on from where the page ended', rows().length === 1
      && calls[calls.length - 1].url.searchParams.get('after') === 'p2', calls[calls.length - 1].url.search);
    document.querySelector('#deliveries-prev').click();
    await sleep(200);
    document.querySelector('#deliveries-body tr button').click();
    await sleep(200);
    check('a delivery retried by its id', posts.some((post) => post.path === '/api/v1/webhooks/deliveries/d-3/retry'),
      posts);
    check('and said', document.querySelector('#deliveries-message').textContent.startsWith('已重新排队'),
      document.querySelector('#deliveries-message').textContent);
    check('retrying a whole target waits for a target to be chosen',
      document.querySelector('#deliveries-retry-target').disabled);
    const target = document.querySelector('#deliveries-target');
    target.value = 'department:civil-affairs';
    target.dispatchEvent(new window.Event('change', { bubbles: true }));
    await sleep(200);
    check('the list is of the target chosen', calls[calls.length - 1].url.searchParams.get('target')
      === 'department:civil-affairs', calls[calls.length - 1].url.search);
    document.querySelector('#deliveries-retry-target').click();
    await sleep(200);
    const all = posts.find((post) => post.path === '/api/v1/webhooks/deliveries/retry');
    check('every delivery of the target retried', all && all.search === '?target=department%3Acivil-affairs', posts);
    check('with what was done', document.querySelector('#deliveries-message').textContent
      .includes('重新排队 3 条已搁置的投递，提前 1 条等待中的'), document.querySelector('#deliveries-message').textContent);

    const topics = Array.from(document.querySelectorAll('.dead-letter-topic')).map((topic) => topic.textContent);
    check('dead letters per service and topic by name, with how many wait and why', topics.length === 3
      && topics[0].startsWith('流转服务 · ') && topics[0].includes('诉求提交') && topics[0].includes('待重放 1 / 共 2')
      && topics[0].includes('EventDecodingException: Record has no ce_type header')
      && !topics[0].includes('Listener method') && topics[0].includes('0/5') && !topics[0].includes('取代')
      && topics[1].includes('工单事件') && topics[1].includes('没有待重放的死信')
      && topics[2].startsWith('受理服务 · ') && topics[2].includes('基础数据快照') && topics[2].includes('待重放 1 / 共 2')
      && topics[2].includes('已被更新的记录取代 1') && topics[2].includes('基础数据发布')
      && topics[2].includes('UnexpectedEndOfInputException'), topics);
    const replayAll = document.querySelectorAll('.dead-letter-topic .card-head button');
    check('replaying all is offered only where one waits', !replayAll[0].disabled && replayAll[1].disabled);
    document.querySelector('.dead-letter-topic tbody button').click();
    await sleep(300);
    const one = posts.find((post) => post.path === '/api/v1/admin/dead-letters/replay');
    check('one dead letter replayed by topic, partition and offset', one
      && one.body === JSON.stringify({ topic: 'onenet.requests.submitted.v1', partition: 0, offset: 5 }), posts);
    check('said, and the list read again', document.querySelector('#dead-letters-message').textContent
      .startsWith('已重放 1 条') && document.querySelector('.dead-letter-topic').textContent.includes('没有待重放的死信'),
      document.querySelector('#dead-letters-message').textContent);
    document.querySelectorAll('.dead-letter-topic .card-head button')[2].click();
    await sleep(300);
    const intakeAll = posts.find((post) => post.path === '/api/v1/admin/intake/dead-letters/replay');
    check('intake\'s snapshots replayed at intake, all of the topic', intakeAll
      && intakeAll.body === JSON.stringify({ topic: 'onenet.reference.v1' })
      && posts.filter((post) => post.path === '/api/v1/admin/dead-letters/replay').length === 1, posts);
    check('with the superseded ones left, as intake said', document.querySelector('#dead-letters-message').textContent
      .startsWith('已重放 1 条，1 条已被更新的记录取代、未重放'), document.querySelector('#dead-letters-message').textContent);
    intakeDown = true;
    document.querySelector('#operations-refresh').click();
    await sleep(300);
    const left = Array.from(document.querySelectorAll('.dead-letter-topic')).map((topic) => topic.textContent);
    check('a service that does not answer is named; the other\'s dead letters are still shown', left.length === 2
      && left.every((topic) => topic.startsWith('流转服务'))
      && document.querySelector('#dead-letters-message').textContent.startsWith('受理服务 Intake：')
      && document.querySelector('#dead-letters-message').textContent.includes('not answering'),
    document.querySelector('#dead-letters-message').textContent);
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * An administrator keeps the webhook endpoints: each listed by name, address and state; one disabled (its address
   * kept, its secret untouched); a new one registered for a department, a refused secret marked on its field; one
   * changed from its row with the secret left as it is.
   */
  async 'webhook-endpoints'() {
    const endpoints = [
      { target: 'department:civil-affairs', url: 'https://civil.example/hook', enabled: true,
        updatedAt: '2026-12-02T01:00:00Z' },
      { target: 'channel:LIVELIHOOD', url: 'https://ms.example/hook', enabled: false, updatedAt: '2026-12-01T01:00:00Z' }];
    const puts = [];
    const { document, window, errors } = openConsole({
      hash: '#operations', session: session('admin', ['ADMIN'], { expiresIn: 1800000 }),
      answer: (url, call) => {
        if (url.pathname === '/api/v1/webhooks') return json(endpoints);
        if (url.pathname === '/api/v1/webhooks/deliveries') return json({ content: [], totalElements: 0 });
        if (url.pathname.endsWith('/dead-letters')) return json({ topics: [] });
        if (call.method === 'PUT' && url.pathname.startsWith('/api/v1/webhooks/')) {
          const body = JSON.parse(call.body);
          puts.push({ target: decodeURIComponent(url.pathname.slice('/api/v1/webhooks/'.length)), body });
          if (body.secret !== undefined && body.secret.length < 16) {
            return json({ type: 'https://onenet.cn/problems/validation', title: 'Bad Request', status: 400,
              detail: 'Invalid request', errors: [{ field: 'secret', message: 'must have at least 16 characters' }] },
            400);
          }
          return json({ target: puts[puts.length - 1].target, url: body.url, enabled: body.enabled !== false }, 201);
        }
        return null;
      },
    });
    await sleep(500);
    const rows = Array.from(document.querySelectorAll('#endpoints-body tr'))
      .map((tr) => Array.from(tr.cells).map((td) => td.textContent));
    check('each endpoint by name, address and state', rows.length === 2 && rows[0][0] === '民政局'
      && rows[0][1] === 'https://civil.example/hook' && rows[0][2].startsWith('启用') && rows[1][0] === '民生网'
      && rows[1][2].startsWith('已停用'), rows);
    const toggle = document.querySelectorAll('#endpoints-body tr')[0].querySelectorAll('button')[1];
    toggle.click();
    await sleep(200);
    check('disabled with its address kept and its secret untouched', puts.length === 1
      && puts[0].target === 'department:civil-affairs'
      && JSON.stringify(puts[0].body) === JSON.stringify({ url: 'https://civil.example/hook', enabled: false }), puts);
    check('and said', document.querySelector('#endpoints-message').textContent.startsWith('民政局：已更新（停用）'),
      document.querySelector('#endpoints-message').textContent);
    const form = document.querySelector('#endpoint-form');
    const targets = Array.from(form.querySelectorAll('#endpoint-target option')).map((option) => option.value);
    check('any department\'s or channel\'s system may be registered', targets.includes('department:urban-management')
      && targets.includes('channel:HOTLINE'), targets);
    form.querySelector('#endpoint-target').value = 'department:urban-management';
    form.querySelector('#endpoint-url').value = ' https://urban.example/onenet ';
    form.querySelector('#endpoint-secret').value = 'short';
    form.dispatchEvent(new window.Event('submit', { cancelable: true }));
    await sleep(200);
    const secret = form.querySelector('[data-field="secret"]');
    check('a refused secret marked on its field, what was typed kept', secret.classList.contains('invalid')
      && secret.querySelector('.error').textContent.includes('16') && form.querySelector('#endpoint-url').value.trim()
      === 'https://urban.example/onenet', secret.textContent);
    form.querySelector('#endpoint-secret').value = 'urban-management-secret';
    form.dispatchEvent(new window.Event('submit', { cancelable: true }));
    await sleep(200);
    const registered = puts[puts.length - 1];
    check('registered with its address, secret and enabled', registered.target === 'department:urban-management'
      && JSON.stringify(registered.body) === JSON.stringify({ url: 'https://urban.example/onenet',
        secret: 'urban-management-secret', enabled: true }), registered);
    check('said, the form cleared', document.querySelector('#endpoints-message').textContent.startsWith('城管局：已登记')
      && form.querySelector('#endpoint-url').value === '' && !secret.classList.contains('invalid'));
    document.querySelectorAll('#endpoints-body tr')[1].querySelector('button').click();
    check('a row\'s change fills the form, the secret left empty to keep it',
      form.querySelector('#endpoint-target').value === 'channel:LIVELIHOOD'
      && form.querySelector('#endpoint-url').value === 'https://ms.example/hook'
      && form.querySelector('#endpoint-secret').value === '' && !form.querySelector('#endpoint-enabled').checked);
    form.querySelector('#endpoint-url').value = 'https://ms.example/hook2';
    form.querySelector('#endpoint-enabled').checked = true;
    form.dispatchEvent(new window.Event('submit', { cancelable: true }));
    await sleep(200);
    check('changed without a secret: the one it has is kept', JSON.stringify(puts[puts.length - 1].body)
      === JSON.stringify({ url: 'https://ms.example/hook2', enabled: true }), puts[puts.length - 1]);
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * An administrator keeps the systems that may call: each by id, system by name, who added it and state; a
   * department's system registered, its secret shown once and gone once hidden; a rotation and a disabling each asked
   * again on the button before they are done; a refused registration marked on its field.
   */
  async 'client-systems'() {
    const clients = [
      { clientId: 'channel-livelihood', kind: 'CHANNEL_SYSTEM', channel: 'LIVELIHOOD', source: 'demo', enabled: true },
      { clientId: 'department-civil-affairs', kind: 'DEPARTMENT_SYSTEM', department: 'civil-affairs', source: 'admin',
        createdAt: '2026-12-02T09:00:00+08:00', createdBy: 'admin', enabled: true }];
    const asked = [];
    const { document, window, errors } = openConsole({
      hash: '#operations', session: session('admin', ['ADMIN'], { expiresIn: 1800000 }),
      answer: (url, call) => {
        if (url.pathname.startsWith('/api/v1/clients') && call.method !== 'GET') {
          asked.push({ method: call.method, path: url.pathname, body: call.body });
        }
        if (url.pathname === '/api/v1/clients' && call.method === 'GET') return json(clients);
        if (url.pathname === '/api/v1/clients' && call.method === 'POST') {
          const body = JSON.parse(call.body);
          if (!body.department) {
            return json({ type: 'https://onenet.cn/problems/validation', title: 'Bad Request', status: 400,
              detail: 'Invalid request', errors: [{ field: 'department', message: 'is required for a department system' }],
            }, 400);
          }
          clients.push({ clientId: `department-${body.department}`, kind: body.kind, department: body.department,
            source: 'admin', createdBy: 'admin', createdAt: '2026-12-02T10:00:00+08:00', enabled: true });
          return json({ ...clients[clients.length - 1], clientSecret: 'new-secret-1234567890' }, 201);
        }
        if (url.pathname === '/api/v1/clients/department-civil-affairs/secret') {
          return json({ ...clients[1], clientSecret: 'rotated-secret-0987654321' });
        }
        if (url.pathname === '/api/v1/clients/channel-livelihood' && call.method === 'DELETE') {
          clients[0] = { ...clients[0], enabled: false };
          return new Response(null, { status: 204 });
        }
        if (url.pathname === '/api/v1/webhooks') return json([]);
        if (url.pathname === '/api/v1/webhooks/deliveries') return json({ content: [], totalElements: 0 });
        if (url.pathname.endsWith('/dead-letters')) return json({ topics: [] });
        return null;
      },
    });
    await sleep(500);
    const rows = () => Array.from(document.querySelectorAll('#clients-body tr'))
      .map((tr) => Array.from(tr.cells).map((td) => td.textContent));
    const shown = rows();
    check('each system by id, by name and kind, who added it, its state', shown.length === 2
      && shown[0][0] === 'channel-livelihood' && shown[0][1].startsWith('民生网渠道系统') && shown[0][2].startsWith('演示')
      && shown[1][1].startsWith('民政局承办单位系统') && shown[1][2] === 'admin · 2026/12/02 09:00'
      && shown[1][3].startsWith('启用'), shown);
    const form = document.querySelector('#client-form');
    form.dispatchEvent(new window.Event('submit', { cancelable: true }));
    await sleep(200);
    check('a registration without its department marked on the field',
      form.querySelector('[data-field="department"]').classList.contains('invalid')
      && document.querySelector('#client-issued').hidden);
    form.querySelector('#client-department').value = 'urban-management';
    form.dispatchEvent(new window.Event('submit', { cancelable: true }));
    await sleep(200);
    const registered = asked.filter((call) => call.method === 'POST' && call.path === '/api/v1/clients').pop();
    check('registered for the department chosen', registered
      && registered.body === JSON.stringify({ kind: 'DEPARTMENT_SYSTEM', department: 'urban-management' }), asked);
    check('its secret shown once, with its id', !document.querySelector('#client-issued').hidden
      && document.querySelector('#client-issued-id').textContent === 'department-urban-management'
      && document.querySelector('#client-issued-secret').textContent === 'new-secret-1234567890');
    check('and listed', rows().length === 3 && rows()[2][1].startsWith('城管局'), rows());
    document.querySelector('#client-issued-done').click();
    check('gone from the page once hidden', document.querySelector('#client-issued').hidden
      && !document.body.textContent.includes('new-secret-1234567890'));
    const rotate = document.querySelectorAll('#clients-body tr')[1].querySelectorAll('button')[0];
    rotate.click();
    await sleep(100);
    check('a rotation is asked again before it is done', rotate.textContent.startsWith('确认更换')
      && !asked.some((call) => call.path.endsWith('/secret')), rotate.textContent);
    rotate.click();
    await sleep(200);
    check('then done, the new secret shown once', asked.some((call) => call.method === 'POST'
      && call.path === '/api/v1/clients/department-civil-affairs/secret')
      && document.querySelector('#client-issued-secret').textContent === 'rotated-secret-0987654321');
    const disable = document.querySelectorAll('#clients-body tr')[0].querySelectorAll('button')[1];
    disable.click();
    disable.click();
    await sleep(200);
    check('a disabling asked again, then done', asked.some((call) => call.method === 'DELETE'
      && call.path === '/api/v1/clients/channel-livelihood') && rows()[0][3].startsWith('已停用'), rows()[0]);
    check('and said', document.querySelector('#clients-message').textContent.startsWith('channel-livelihood：已停用'),
      document.querySelector('#clients-message').textContent);
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * Each person's daily tab, an order's detail and the sign-in state checked by axe-core for what keeps people who use a
   * screen reader or a keyboard out (names of fields and buttons, roles, ids, lists, tables): nothing found. Colour
   * contrast is not judged here (jsdom lays nothing out).
   */
  async accessibility() {
    const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const views = [
      ['not signed in', null, null, ''],
      ['an operator\'s accept tab', 'operator', ['OPERATOR'], '#accept'],
      ['the orders tab with an order open', 'supervisor', ['SUPERVISOR'], '#orders'],
      ['a dispatcher\'s triage tab', 'dispatcher', ['DISPATCHER'], '#triage'],
      ['a supervisor\'s supervision tab', 'supervisor', ['SUPERVISOR'], '#supervision'],
      ['an administrator\'s operations tab', 'admin', ['ADMIN'], '#operations'],
    ];
    for (const [what, sub, roles, hash] of views) {
      const { window, document } = openConsole({ hash, session: sub ? session(sub, roles, { expiresIn: 1800000 }) : null,
        answer: (url) => (url.pathname === `/api/v1/requests/${ORDER.id}` ? json({ ...ORDER, timeline: [] }) : null) });
      await sleep(500);
      if (what.includes('order open')) {
        document.querySelector('#orders-body tr').click();
        await sleep(300);
      }
      window.eval(axeSource);
      const result = await window.axe.run(document, { rules: { 'color-contrast': { enabled: false } } });
      const found = result.violations.map((violation) => `${violation.id} (${violation.nodes.length}): `
        + violation.nodes.slice(0, 4).map((node) => node.target.join(' ')).join(', '));
      check(`${what}: nothing axe-core finds`, found.length === 0, found);
      window.close();
    }
  },

  /**
   * Every note routing writes itself (routing-notes.json, which routing's TimelineNotesTests hold its wording to) read
   * in Chinese with names in an order's timeline, the note as written in its tooltip: none left in routing's English.
   */
  async 'routing-notes'() {
    const { notes } = JSON.parse(fs.readFileSync(path.join(__dirname, 'routing-notes.json'), 'utf8'));
    const detail = { ...ORDER, timeline: notes.map((example, i) => ({ type: example.type,
      at: new Date(Date.UTC(2026, 11, 2, 1, 15, i)).toISOString(), actor: 'routing', note: example.note })) };
    const { window, document, errors } = await openOrder('dispatcher', ['DISPATCHER'], detail);
    const steps = Array.from(document.querySelectorAll('dialog .timeline li'));
    check(`the order's ${notes.length} steps shown`, steps.length === notes.length, steps.length);
    notes.forEach((example, i) => {
      const step = steps[i];
      const read = step && step.querySelector('.t-note span[title]');
      const shown = read ? read.textContent : step && step.textContent;
      check(`${example.type} "${example.note}" reads "${example.reads}"`, Boolean(read) && shown === example.reads
        && read.title === example.note, shown);
    });
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /**
   * The operator who took the call reads the caller in clear only with a reason: none given is marked on the field
   * and said beside the order (nothing asked of routing); with one, the caller as submitted, and the audit named.
   */
  async 'clear-read'() {
    const detail = { ...ORDER, requester: { name: '张*', phone: '138****8000' },
      timeline: [{ type: 'RECEIVED', at: '2026-12-02T01:15:30Z', actor: 'operator:operator' }] };
    const reads = [];
    const { window, document, errors } = openConsole({
      hash: '#orders', session: session('operator', ['OPERATOR'], { expiresIn: 1800000 }),
      answer: (url, call) => {
        if (url.pathname === `/api/v1/requests/${ORDER.id}`) return json(detail);
        if (call.method === 'POST' && url.pathname === `/api/v1/requests/${ORDER.id}/personal-data`) {
          reads.push(JSON.parse(call.body));
          return json({ name: '张三', phone: '13800138000' });
        }
        return null;
      },
    });
    await sleep(400);
    document.querySelector('#orders-body tr').click();
    await sleep(300);
    const form = document.querySelector('#detail-requester form');
    check('the operator who took the call may read it in clear', form !== null);
    form.querySelector('button').click();
    await sleep(100);
    const reason = form.querySelector('input[name=reason]');
    const message = document.querySelector('#detail-message');
    check('no reason: the field marked and focused, said beside the order, nothing read',
      reason.getAttribute('aria-invalid') === 'true' && document.activeElement === reason && !message.hidden
      && message.textContent.includes('请填写查看明文的原因') && reads.length === 0, message.textContent);
    reason.value = '回访核实';
    reason.dispatchEvent(new window.Event('input', { bubbles: true }));
    form.querySelector('button').click();
    await sleep(300);
    const shown = document.querySelector('#detail-requester').textContent;
    check('with a reason: read once, the caller in clear, the audit named', reads.length === 1
      && reads[0].reason === '回访核实' && shown.includes('张三 · 13800138000') && shown.includes('访问审计')
      && message.hidden && !reason.hasAttribute('aria-invalid'), [reads, shown]);
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /** Before the token runs out, a new one for the same person, without a page: nothing on screen changes. */
  async renews() {
    const exchanged = [];
    const renewed = token('operator', ['OPERATOR'], 2);
    const { window, document, errors } = openConsole({
      hash: '#accept', session: session('operator', ['OPERATOR'], { expiresIn: 15000, lifetime: 60000 }),
      answer: tokenAnswer(renewed, exchanged),
    });
    document.querySelector('input[name=title]').value = '续期期间仍在输入';
    const { frame, request } = await renewalFrame(document);
    check('a hidden frame asks the provider with prompt=none', frame !== null && frame.hidden
      && request.origin === ISSUER && request.pathname === '/oauth2/authorize'
      && request.searchParams.get('prompt') === 'none'
      && request.searchParams.get('redirect_uri') === `${ORIGIN}/`, request && request.href);
    frameLandsWith(window, frame, `?code=the-code&state=${request.searchParams.get('state')}`);
    await sleep(200);
    const verifier = exchanged.length ? exchanged[0].get('code_verifier') : '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    check('the code is exchanged with the verifier of that request', exchanged.length === 1
      && exchanged[0].get('code') === 'the-code' && challenge === request.searchParams.get('code_challenge'),
      exchanged.map(String));
    const now = stored(window);
    check('the console holds the new token, good for its lifetime', now && now.accessToken === renewed
      && now.expiresAt > Date.now() + 1700000, now);
    check('the frame is gone and nothing is shown', document.querySelectorAll('iframe').length === 0
      && document.querySelector('#session-warning').hidden);
    check('what was typed is still there', document.querySelector('input[name=title]').value === '续期期间仍在输入');
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /** Signed out at the provider: the person is told when the sign-in ends, and can sign in again from there. */
  async 'renewal-refused'() {
    const { window, document, errors, exchanged, start } = await renewalAnswered(token('operator', ['OPERATOR'], 2),
      (state) => `?error=login_required&state=${state}`);
    const warning = document.querySelector('#session-warning');
    const at = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false,
    }).format(new Date(start.expiresAt));
    check('a warning names the time the sign-in ends, in Beijing time', !warning.hidden
      && warning.textContent.includes(`登录将于 ${at} 结束`) && warning.textContent.includes(`ends at ${at}`),
      warning.textContent);
    check('with a button to sign in again', !document.querySelector('#session-renew').hidden);
    check('no code exchanged, the token kept until it ends',
      exchanged.length === 0 && stored(window).accessToken === start.accessToken);
    check('still signed in meanwhile', !document.querySelector('#sign-out').hidden);
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /** Someone else signed in at the provider since: this tab does not become theirs. */
  async 'renewal-for-someone-else'() {
    const { window, document, errors, start } = await renewalAnswered(token('dispatcher', ['DISPATCHER'], 2),
      (state) => `?code=the-code&state=${state}`);
    check('the operator keeps their own token', stored(window).accessToken === start.accessToken, stored(window));
    check('and is told their sign-in ends', !document.querySelector('#session-warning').hidden);
    const person = document.querySelector('#session-user').textContent;
    check('the person shown is still the operator', person.startsWith('operator'), person);
    check('no script errors', errors.length === 0, errors);
    window.close();
  },

  /** A token refused before its time: renewed once, the call made again with the new token, no message. */
  async 'refused-token-renewed'() {
    const exchanged = [];
    const renewed = token('supervisor', ['SUPERVISOR'], 2);
    const listings = [];
    const { window, document, errors } = openConsole({
      hash: '#orders', session: session('supervisor', ['SUPERVISOR'], { expiresIn: 1200000 }),
      answer: (url, call) => {
        if (url.origin === ORIGIN && url.pathname === '/api/v1/requests' && call.method === 'GET') {
          listings.push(call.headers.Authorization);
          if (call.headers.Authorization !== `Bearer ${renewed}`) {
            const detail = 'An error occurred while attempting to decode the Jwt';
            return json({ title: 'Unauthorized', status: 401, detail }, 401);
          }
        }
        return tokenAnswer(renewed, exchanged)(url, call);
      },
    });
    const { frame, request } = await renewalFrame(document);
    check('the refusal starts a renewal', frame !== null, listings);
    frameLandsWith(window, frame, `?code=the-code&state=${request.searchParams.get('state')}`);
    await sleep(300);
    check('the list is read again with the new token',
      listings.length >= 2 && listings[listings.length - 1] === `Bearer ${renewed}`,
      listings.map((l) => (l || '').slice(-12)));
    const body = document.querySelector('#orders-body').textContent;
    const message = document.querySelector('#orders-message');
    check('the orders are shown, without a sign-in message', body.includes(ORDER.trackingNumber)
      && (message.hidden || message.textContent === ''), message.textContent);
    check('no script errors', errors.length === 0, errors);
    window.close();
  },
};

(async () => {
  const name = process.argv[2];
  if (!scenarios[name]) {
    console.log(`unknown scenario ${name}; one of: ${Object.keys(scenarios).join(', ')}`);
    process.exit(2);
  }
  try {
    await scenarios[name]();
  } catch (error) {
    check(`scenario ran to its end: ${error && (error.stack || error)}`, false);
  }
  process.exit(results.length && results.every(Boolean) ? 0 : 1);
})();
