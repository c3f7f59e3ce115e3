// 一张网 · OneNetwork operations console.
// Plain modern JavaScript, no build step, nothing loaded from elsewhere. All data reaches the page through
// textContent / DOM nodes: nothing from the API is ever parsed as HTML.
'use strict';

(() => {
  // The hidden frame of a sign-in renewal (renewSignIn below) lands here with the identity provider's answer: it
  // hands the code or the error in its address to the console that opened it, and runs nothing else.
  const RENEWAL_MESSAGE = 'onenet.sign-in-renewal';
  if (window.parent !== window && /[?&](code|error)=/.test(location.search)) {
    window.parent.postMessage({ type: RENEWAL_MESSAGE, search: location.search }, location.origin);
    return;
  }

  const API = '/api/v1';
  const REFRESH_MS = 5000;
  const TRIAGE_PAGE = 50; // a dispatcher's screenful or two; routing gives at most 100 a page
  const OVERDUE_PAGE = 20;
  const DELIVERIES_PAGE = 20;
  const DEAD_LETTERS_LIMIT = 50; // of each topic, oldest first: a replay of all takes every one waiting
  const ACCESS_PAGE = 20;
  // the supervision tab's figures are heavier to compute and change slowly: read again at most once a minute
  const SUPERVISION_REFRESH_MS = 60000;
  // the district's time zone: routing reads the statistics' dates in it (onenet.sla.time-zone)
  const DISTRICT_ZONE = 'Asia/Shanghai';

  // ---------------------------------------------------------------- vocabulary

  const STATUS = {
    RECEIVED: ['已受理', 'Received'],
    TRIAGE: ['待分拨', 'Triage'],
    DISPATCHED: ['已派单', 'Dispatched'],
    ACKNOWLEDGED: ['已签收', 'Acknowledged'],
    IN_PROGRESS: ['办理中', 'In progress'],
    RESOLVED: ['已办结', 'Resolved'],
    CLOSED: ['已关闭', 'Closed'],
    REOPENED: ['重新办理', 'Reopened'],
    RETURNED: ['已退单', 'Returned'],
    REJECTED: ['不予受理', 'Rejected'],
    MERGED: ['已并单', 'Merged'],
  };

  const URGENCY = {
    NORMAL: ['一般', 'Normal'],
    URGENT: ['紧急', 'Urgent'],
    EMERGENCY: ['特急', 'Emergency'],
  };

  const TIMELINE = {
    RECEIVED: ['受理', 'Received'],
    DISPATCHED: ['派单', 'Dispatched'],
    TRIAGED: ['转人工分拨', 'Sent to triage'],
    ACKNOWLEDGED: ['签收', 'Acknowledged'],
    STARTED: ['开始办理', 'Started'],
    RESOLVED: ['办结', 'Resolved'],
    RETURNED: ['退单', 'Returned'],
    EXTENSION_REQUESTED: ['申请延期', 'Extension requested'],
    CLOSED: ['关闭', 'Closed'],
    REOPENED: ['重新办理', 'Reopened'],
    REJECTED: ['不予受理', 'Rejected'],
    MERGED: ['并单', 'Merged'],
    EXTENSION_APPROVED: ['同意延期', 'Extension approved'],
    EXTENSION_REFUSED: ['不同意延期', 'Extension refused'],
    ESCALATED: ['督办升级', 'Escalated'],
    ORIGINAL_PROGRESSED: ['主单进展', 'Original progressed'],
    TRANSFERRED: ['改派', 'Transferred'],
    FOLLOWED_UP: ['来电催办', 'Caller followed up'],
  };

  const ESCALATION = {
    WARNING: ['预警', 'Warning'],
    REMINDER: ['催办', 'Reminder'],
    SUPERVISION: ['督办', 'Supervision'],
    RAISED: ['提级督办', 'Raised'],
  };

  const REJECTION = {
    NOT_GOVERNMENT_MATTER: ['非政府职能事项', 'Not a government matter'],
    LEGAL_ROUTE_LITIGATION: ['应通过诉讼解决', 'Belongs to litigation'],
    LEGAL_ROUTE_ARBITRATION: ['应通过仲裁解决', 'Belongs to arbitration'],
    LEGAL_ROUTE_PETITION: ['应通过信访解决', 'Belongs to petition'],
    ABUSIVE: ['恶意骚扰', 'Abusive'],
    DUPLICATE: ['重复诉求', 'Duplicate'],
    OTHER: ['其他', 'Other'],
  };

  const SATISFACTION = {
    SATISFIED: ['满意', 'Satisfied'],
    BASICALLY_SATISFIED: ['基本满意', 'Basically satisfied'],
    DISSATISFIED: ['不满意', 'Dissatisfied'],
  };

  const DEPARTMENT_EVENTS = {
    ACKNOWLEDGED: ['签收', 'Acknowledge'],
    STARTED: ['开始办理', 'Start'],
    RESOLVED: ['办结', 'Resolve'],
    RETURNED: ['退单', 'Return'],
    EXTENSION_REQUESTED: ['申请延期', 'Request extension'],
  };

  // Used until GET /api/v1/channels answers.
  const CHANNELS = [
    { code: 'PARTY_BUILDING', name: '党建网', externalIdRequired: true },
    { code: 'LIVELIHOOD', name: '民生网', externalIdRequired: true },
    { code: 'GOVERNANCE', name: '综治网', externalIdRequired: true },
    { code: 'COURT', name: '法官网', externalIdRequired: true },
    { code: 'LAWYER', name: '律师网', externalIdRequired: true },
    { code: 'POLICE', name: '警务通', externalIdRequired: true },
    { code: 'HOTLINE', name: '12345热线', externalIdRequired: false },
  ];

  // Which actions to offer for which status. routing-service's state machine decides; a refused step comes
  // back as a 409 Problem and is shown as such.
  const OFFER = {
    dispatch: ['RECEIVED', 'TRIAGE', 'RETURNED'],
    reject: ['RECEIVED', 'TRIAGE', 'RETURNED', 'DISPATCHED'],
    merge: ['TRIAGE', 'RETURNED', 'DISPATCHED'],
    transfer: ['DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'REOPENED'],
    feedback: ['RESOLVED'],
    // 来电催办: the requester calls again about an order still open
    followUp: ['RECEIVED', 'TRIAGE', 'DISPATCHED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REOPENED', 'RETURNED'],
    events: {
      ACKNOWLEDGED: ['DISPATCHED', 'REOPENED'],
      STARTED: ['ACKNOWLEDGED', 'REOPENED'],
      RESOLVED: ['ACKNOWLEDGED', 'IN_PROGRESS', 'REOPENED'],
      RETURNED: ['DISPATCHED', 'ACKNOWLEDGED'],
      EXTENSION_REQUESTED: ['ACKNOWLEDGED', 'IN_PROGRESS', 'REOPENED'],
    },
  };

  // Who may use each tab: the roles the gateway lets make the tab's calls (AccessTable, README "Who may do what").
  // A person sees only the tabs of their roles: the others' calls would all come back 403.
  const TAB_ROLES = {
    accept: ['OPERATOR', 'CHANNEL_SYSTEM'], // POST /requests: HOTLINE for operators, its own channel for a system
    orders: ['OPERATOR', 'DISPATCHER', 'SUPERVISOR', 'DEPARTMENT_SYSTEM', 'CHANNEL_SYSTEM'], // GET /requests
    triage: ['DISPATCHER', 'SUPERVISOR'], // GET /requests/triage
    supervision: ['SUPERVISOR'], // GET /stats/**, /supervision/**
    operations: ['ADMIN'], // GET /webhooks/**, /admin/dead-letters, /admin/intake/dead-letters
  };

  // Where a role starts, the first of these its roles have: its daily work. Anyone else starts on the first tab they
  // may use.
  const HOME_TABS = [['OPERATOR', 'accept'], ['DISPATCHER', 'triage'], ['SUPERVISOR', 'supervision'],
    ['ADMIN', 'operations']];

  const TAB_NAMES = {
    accept: ['受理', 'Accept'], orders: ['工单', 'Orders'], triage: ['分拨', 'Triage'], supervision: ['督办', 'Supervision'],
    operations: ['运维', 'Operations'],
  };

  const GROUP_BY = {
    department: ['部门', 'Department'],
    channel: ['渠道', 'Channel'],
    category: ['类别', 'Category'],
    community: ['社区', 'Community'],
  };

  const DEADLINE_KIND = {
    ACKNOWLEDGE: ['签收', 'sign-for'],
    RESOLVE: ['办结', 'resolution'],
  };

  // the backlog's age buckets, since acceptance, as routing names them
  const AGEING = {
    underOneDay: ['1天内', '< 1 d'],
    oneToThreeDays: ['1–3天', '1–3 d'],
    threeToSevenDays: ['3–7天', '3–7 d'],
    sevenDaysOrMore: ['7天以上', '≥ 7 d'],
  };

  // the events routing publishes and delivers, by the name in their type (cn.onenet.request.<name>.v1), where the
  // timeline's steps do not name them
  const EVENT_NAMES = {
    SUBMITTED: ['提交', 'Submitted'],
    EXTENSION_DECIDED: ['延期审批', 'Extension decided'],
    MERGED_ORIGINAL_PROGRESSED: ['主单进展', 'Original progressed'],
  };

  // the topics routing consumes, whose dead letters an administrator replays
  const TOPIC_NAMES = {
    'onenet.requests.submitted.v1': ['诉求提交', 'Submissions'],
    'onenet.requests.lifecycle.v1': ['工单事件', 'Order events'],
    'onenet.reference.v1': ['基础数据快照', 'Reference data'],
  };

  // whose dead letters the operations tab lists: each service its own, at the gateway's path for it
  const DEAD_LETTER_SERVICES = [
    { path: '/admin/dead-letters', name: ['流转服务', 'Routing'] },
    { path: '/admin/intake/dead-letters', name: ['受理服务', 'Intake'] },
  ];

  // what a clear read showed, as routing's access audit names it
  const CLEAR_FIELDS = {
    name: ['姓名', 'name'],
    phone: ['电话', 'phone'],
    idNumber: ['身份证号', 'ID number'],
    title: ['标题原文', 'title'],
    description: ['描述原文', 'description'],
  };

  const ROLE_NAMES = {
    OPERATOR: ['话务员', 'operators'],
    DISPATCHER: ['派单员', 'dispatchers'],
    SUPERVISOR: ['督办', 'supervisors'],
    DEPARTMENT_SYSTEM: ['承办单位系统', 'department systems'],
    CHANNEL_SYSTEM: ['渠道系统', 'channel systems'],
  };

  // ---------------------------------------------------------------- DOM helpers

  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

  /** Creates an element; children are nodes or text (never HTML). */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    let value;
    for (const [key, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (key === 'class') el.className = v;
      else if (key === 'value') value = v;
      else if (key === 'dataset') Object.assign(el.dataset, v);
      else if (key.startsWith('on') && typeof v === 'function') el.addEventListener(key.slice(2), v);
      else el.setAttribute(key, v === true ? '' : String(v));
    }
    append(el, children);
    if (value !== undefined) el.value = value;
    return el;
  }

  /** Replaces an element's content with the given nodes and text (arrays flattened, null skipped). */
  function fill(el, ...children) {
    el.replaceChildren();
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  /** Chinese text with its small English sub-label. */
  function bi(zh, en) {
    return en ? [zh, ' ', h('span', { class: 'en' }, en)] : [zh];
  }

  function label(dictionary, code) {
    const entry = dictionary[code];
    return entry ? bi(entry[0], entry[1]) : [code || '—'];
  }

  // Routing writes its own steps' notes in English with codes ("no rule matches and no department is responsible for
  // category sanitation") and names who took a step by role and account ("department:civil-affairs"): dispatchers
  // read them all day. Shown in Chinese with the names; the note as written stays in the tooltip. Only the notes
  // routing writes for a step of that type are read so; what a person typed is shown as typed. Routing writes them in
  // TimelineNotes and RouteReasons; src/test/console/routing-notes.json has one of each, both sides tested on it.
  const ROUTING_NOTES = {
    DISPATCHED: [
      [/^rule "(.+)"$/, (m) => `按派单规则「${m[1]}」`],
      [/^catalogue: (\S+) is handled by (\S+)$/,
        (m) => `按事项目录：${nameOf('catalogue', m[1])}由${nameOf('departments', m[2])}承办`],
      [/^终审 final ruling(?:: ([\s\S]*))?$/, (m) => `终审${m[1] ? `：${m[1]}` : ''}`],
      [/^re-routed after return by (\S+): ([\s\S]*)$/,
        (m) => `${nameOf('departments', m[1])}退单后重新派单，${routingNote('DISPATCHED', m[2]) || m[2]}`],
    ],
    TRIAGED: [
      [/^category (\S+) is not in the catalogue$/, (m) => `事项类别 ${m[1]} 不在目录中`],
      [/^every department that could take it has returned it: (.+)$/,
        (m) => `可承办的单位均已退单：${m[1].split(', ').map((code) => nameOf('departments', code)).join('、')}`],
      [/^no rule matches and no department is responsible for category (\S+)$/,
        (m) => `无匹配的派单规则，目录中也无单位负责「${nameOf('catalogue', m[1])}」`],
    ],
    TRANSFERRED: [[/^from (\S+): ([\s\S]*?)( \(终审 final ruling\))?$/,
      (m) => `自${nameOf('departments', m[1])}改派${m[3] ? '（终审）' : ''}：${m[2]}`]],
    ESCALATED: [[/^\S+ (WARNING|REMINDER|SUPERVISION|RAISED): (sign-for|resolution) due (\S+)$/,
      (m) => `${ESCALATION[m[1]][0]}：${m[2] === 'sign-for' ? '签收' : '办结'}时限 ${formatTime(m[3])}`]],
    MERGED: [[/^duplicate of (\S+)$/, (m) => `与工单 ${m[1]} 重复，已并入`]],
    ORIGINAL_PROGRESSED: [[/^original ([A-Z_]+)(?:: ([\s\S]*))?$/,
      (m) => `主单${STATUS[m[1]] ? STATUS[m[1]][0] : m[1]}${m[2] ? `：${m[2]}` : ''}`]],
    EXTENSION_REQUESTED: [[/^([\s\S]*) \(until (\S+)\)$/, (m) => `${m[1]}（申请延期至 ${formatTime(m[2])}）`]],
    EXTENSION_APPROVED: [[/^approved until (\S+)(?: — ([\s\S]*))?$/,
      (m) => `同意延期至 ${formatTime(m[1])}${m[2] ? `：${m[2]}` : ''}`]],
    EXTENSION_REFUSED: [[/^refused: stays due (\S+)(?: — ([\s\S]*))?$/,
      (m) => `不同意延期，办结时限仍为 ${formatTime(m[1])}${m[2] ? `：${m[2]}` : ''}`]],
    REJECTED: [[/^\[([A-Z_]+)\] ([\s\S]*)$/,
      (m) => `${REJECTION[m[1]] ? REJECTION[m[1]][0] : m[1]}：${m[2]}`]],
  };

  /** Routing's own note of a step in Chinese; null for any other (a person's words). */
  function routingNote(type, note) {
    for (const [pattern, read] of ROUTING_NOTES[type] || []) {
      const match = pattern.exec(note);
      if (match) return read(match);
    }
    return null;
  }

  /** A step's note as people read it: routing's own in Chinese (the original as the tooltip), any other as written. */
  function noteText(type, note) {
    const read = routingNote(type, note);
    return read === null ? note : h('span', { title: note }, read);
  }

  const ACTOR_ROLES = { operator: '话务员', dispatcher: '派单员', supervisor: '督办员', caller: '诉求人' };

  /** Who took a step: a department or channel by name, a person by role and account, routing's own steps said so. */
  function actorText(actor) {
    const colon = actor.indexOf(':');
    const kind = colon < 0 ? actor : actor.slice(0, colon);
    const who = colon < 0 ? '' : actor.slice(colon + 1);
    if (kind === 'department' && who) return nameOf('departments', who);
    if (kind === 'channel' && who) return nameOf('channels', who);
    if (ACTOR_ROLES[kind]) return who ? `${ACTOR_ROLES[kind]} ${who}` : ACTOR_ROLES[kind];
    if (actor === 'routing') return '系统派单';
    if (actor === 'supervision') return '督办系统';
    return actor;
  }

  function statusPill(status) {
    const entry = STATUS[status];
    return h('span', { class: `pill s-${status}`, title: entry ? entry[1] : status }, entry ? entry[0] : status);
  }

  function urgencyFlag(urgency) {
    if (urgency === 'EMERGENCY') return h('span', { class: 'flag', title: 'Emergency' }, '特急');
    if (urgency === 'URGENT') return h('span', { class: 'flag urgent', title: 'Urgent' }, '紧急');
    return null;
  }

  // every time in Beijing time, whatever the PC's clock is set to: the order's times agree with the supervision
  // tab's, the district's days, and with what a caller is told on the phone
  const dateTime = new Intl.DateTimeFormat('zh-CN', {
    timeZone: DISTRICT_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hour12: false,
  });
  const shortDateTime = new Intl.DateTimeFormat('zh-CN', {
    timeZone: DISTRICT_ZONE, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  });
  const clock = new Intl.DateTimeFormat('zh-CN', {
    timeZone: DISTRICT_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });

  function formatTime(iso, format = dateTime) {
    if (!iso) return '—';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : format.format(date);
  }

  // the supervision tab's times, in the district's zone: its windows are the district's days
  const districtDateTime = new Intl.DateTimeFormat('zh-CN', {
    timeZone: DISTRICT_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    hour12: false,
  });
  const districtDay = new Intl.DateTimeFormat('en-US', {
    timeZone: DISTRICT_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  });

  /** Today in the district, as an ISO date (2026-11-28). */
  function districtToday() {
    const part = Object.fromEntries(districtDay.formatToParts(new Date()).map(({ type, value }) => [type, value]));
    return `${part.year}-${part.month}-${part.day}`;
  }

  /** An ISO date some days later (or earlier, negative). */
  function addDays(isoDate, days) {
    const [year, month, day] = isoDate.split('-').map(Number);
    return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
  }

  /**
   * The summary's window as routing reads it (ISO dates in the district, `to` included): today; the last 7 or 30
   * days, today among them; this month so far; or the custom pair. Null for a custom pair not filled in.
   */
  function summaryWindow(choice, today, custom = {}) {
    switch (choice) {
      case 'today': return { from: today, to: today };
      case '7d': return { from: addDays(today, -6), to: today };
      case 'month': return { from: `${today.slice(0, 8)}01`, to: today };
      case 'custom': return custom.from && custom.to ? { from: custom.from, to: custom.to } : null;
      default: return { from: addDays(today, -29), to: today };
    }
  }

  /** A rate (0.8333, four places) as a percentage with one decimal, rounded half up; — when undefined. */
  function percent(rate) {
    if (rate === null || rate === undefined || rate === '' || Number.isNaN(Number(rate))) return '—';
    const basisPoints = Math.round(Number(rate) * 10000);
    return `${(Math.round(basisPoints / 10) / 10).toFixed(1)}%`;
  }

  /** How late an order is, from routing's overdueMinutes: "超时 2天3小时 · 2d 3h" (days and hours, else hours, minutes). */
  function overdueText(minutes) {
    const total = Math.max(0, Math.floor(Number(minutes) || 0));
    const days = Math.floor(total / 1440);
    const hours = Math.floor((total % 1440) / 60);
    const mins = total % 60;
    const parts = days > 0 ? [[days, '天', 'd'], [hours, '小时', 'h']]
      : hours > 0 ? [[hours, '小时', 'h'], [mins, '分钟', 'min']] : [[mins, '分钟', 'min']];
    if (total === 0) return '超时 不到1分钟 · < 1 min';
    const shown = parts.filter(([n], i) => n > 0 || i === 0);
    return `超时 ${shown.map(([n, zh]) => `${n}${zh}`).join('')} · ${shown.map(([n, , en]) => `${n}${en}`).join(' ')}`;
  }

  /** The file name a Content-Disposition header gives (filename*=UTF-8'' first, then filename=), or null. */
  function attachmentName(header) {
    if (!header) return null;
    const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
    if (extended) {
      try {
        return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
      } catch (malformed) {
        // fall back to the plain name
      }
    }
    const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
    if (!plain) return null;
    return plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
  }

  /** Late only while a department holds the order: one waiting for a dispatcher keeps its old deadlines. */
  /** Whether the order is late (逾期) now: past the moment routing says it is late from, as it stands. */
  function isLate(order) {
    const lateFrom = order.deadlines && order.deadlines.lateFrom;
    return Boolean(lateFrom) && new Date(lateFrom).getTime() < Date.now();
  }

  /** A random UUID, also where crypto.randomUUID is missing (pages served over plain http to another host). */
  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function' && window.isSecureContext) {
      return window.crypto.randomUUID();
    }
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  // ---------------------------------------------------------------- sign-in (OAuth2 authorization code + PKCE)

  // People sign in at the identity provider; the console keeps the access token for this tab only
  // (sessionStorage) and sends it as a bearer token. The code verifier never leaves the browser but for the
  // token request, which proves this page started the sign-in.
  const SESSION_KEY = 'onenet.session';
  const PENDING_KEY = 'onenet.pending-sign-in';

  function base64Url(bytes) {
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function randomText(size) {
    return base64Url(crypto.getRandomValues(new Uint8Array(size)));
  }

  function tokenClaims(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (unreadable) {
      return {};
    }
  }

  let signInConfig = null;

  async function loadSignInConfig() {
    if (!signInConfig) {
      const response = await fetch('/console/config.json', { cache: 'no-store' });
      signInConfig = await response.json();
    }
    return signInConfig;
  }

  function redirectUri() {
    return `${location.origin}/`;
  }

  function currentSession() {
    const saved = storedSession();
    return saved && saved.expiresAt > Date.now() + 10000 ? saved : null;
  }

  // The call an operator was typing when the sign-in ran out, kept over the identity provider's page (which replaces
  // this one) and put back once the console is loaded again: signing in again had lost it.
  const DRAFT_KEY = 'onenet.accept-draft';
  let acceptDraft = null;

  function saveAcceptDraft() {
    const values = Object.fromEntries([...new FormData($('#accept-form'))].filter(([, value]) => value !== ''));
    if (Object.keys(values).length) sessionStorage.setItem(DRAFT_KEY, JSON.stringify(values));
  }

  function takeAcceptDraft() {
    try {
      acceptDraft = JSON.parse(sessionStorage.getItem(DRAFT_KEY) || 'null');
    } catch (unreadable) {
      acceptDraft = null;
    }
    sessionStorage.removeItem(DRAFT_KEY);
  }

  /** Puts the kept call back into the fields that have their choices by now (the lists come with reference data). */
  function restoreAcceptDraft() {
    if (!acceptDraft) return;
    const form = $('#accept-form');
    for (const [name, value] of Object.entries(acceptDraft)) {
      const control = form.elements.namedItem(name);
      if (control) control.value = value;
    }
    loadCallerHistory(); // the caller's requests, as when the phone was typed
  }

  /** An authorization request with PKCE: where to send the browser, and the verifier and state to check the answer. */
  async function authorizationRequest(extra = {}) {
    const config = await loadSignInConfig();
    const verifier = randomText(48);
    const state = randomText(16);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: redirectUri(),
      scope: config.scope,
      state,
      code_challenge: base64Url(new Uint8Array(digest)),
      code_challenge_method: 'S256',
      ...extra,
    });
    return { url: `${config.issuer}/oauth2/authorize?${params}`, verifier, state };
  }

  async function signIn() {
    saveAcceptDraft();
    const request = await authorizationRequest();
    sessionStorage.setItem(PENDING_KEY,
      JSON.stringify({ verifier: request.verifier, state: request.state, hash: location.hash }));
    location.assign(request.url);
  }

  /** Back from the identity provider with ?code=…&state=…: exchange the code for tokens. */
  async function completeSignIn() {
    const params = new URLSearchParams(location.search);
    if (!params.has('code') && !params.has('error')) return;
    const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
    sessionStorage.removeItem(PENDING_KEY);
    history.replaceState(null, '', `/${pending && pending.hash ? pending.hash : ''}`);
    if (params.has('error') || !pending || pending.state !== params.get('state')) {
      throw new Error(`登录未完成 Sign-in did not complete: ${params.get('error_description') || params.get('error') || 'state mismatch'}`);
    }
    saveSession(await exchangeCode(params.get('code'), pending.verifier));
  }

  /** The tokens for a code the identity provider sent back, with the verifier of the request that asked for it. */
  async function exchangeCode(code, verifier) {
    const config = await loadSignInConfig();
    const response = await fetch(`${config.issuer}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(),
        client_id: config.clientId,
        code_verifier: verifier,
      }),
    });
    const tokens = await response.json();
    if (!response.ok || !tokens.access_token) {
      throw new Error(`登录失败 Sign-in failed: ${tokens.error_description || tokens.error || response.status}`);
    }
    return tokens;
  }

  function saveSession(tokens) {
    const lifetime = (tokens.expires_in || 300) * 1000;
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({
      accessToken: tokens.access_token,
      idToken: tokens.id_token || null,
      expiresAt: Date.now() + lifetime,
      lifetime,
    }));
  }

  /** The session as kept, even once its token has run out (a renewal is for the same person). */
  function storedSession() {
    try {
      return JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    } catch (unreadable) {
      return null;
    }
  }

  async function signOut() {
    const session = currentSession();
    sessionStorage.removeItem(SESSION_KEY);
    clearTimeout(renewalTimer);
    showRenewalWarning(false);
    signInEnded = false;
    const config = await loadSignInConfig();
    if (session && session.idToken) {
      const params = new URLSearchParams({ id_token_hint: session.idToken, post_logout_redirect_uri: redirectUri() });
      location.assign(`${config.issuer}/connect/logout?${params}`);
    } else {
      showSession();
      showUsableTabs(activeTab());
    }
  }

  function showSession() {
    const session = currentSession();
    const user = $('#session-user');
    if (session) {
      const claims = tokenClaims(session.accessToken);
      user.textContent = `${claims.sub || ''} · ${(claims.roles || []).join(', ')}`;
    }
    user.hidden = !session;
    $('#sign-in').hidden = Boolean(session);
    $('#sign-out').hidden = !session;
  }

  // ---------------------------------------------------------------- keeping people signed in through a shift

  // A token lasts half an hour (onenet.identity.access-token-ttl); a call-center shift lasts eight. Two minutes
  // before it runs out (a quarter of a shorter lifetime), the console asks the identity provider for a new one in a
  // hidden frame, with prompt=none: while the person is signed in there, a code comes back without any page and is
  // exchanged as at sign-in; nothing on screen changes. Only when that fails (signed out at the provider, in another
  // tab; the provider restarted or out of reach) does the person see when their sign-in ends, with a button to sign in
  // again (what they are typing is kept); the console tries again each minute until then. A token refused before its
  // time (401) is renewed the same way once, and the call made again.
  const RENEWAL_LEAD_MS = 120000;
  const RENEWAL_RETRY_MS = 60000;
  const RENEWAL_TIMEOUT_MS = 10000;
  let renewalTimer = null;
  let signInEnded = false; // a sign-in of this page ran out or was refused, and nobody has signed in since
  let renewal = null; // the renewal under way: a promise of whether it got a token for the same person

  function scheduleRenewal(delay) {
    clearTimeout(renewalTimer);
    const session = storedSession();
    if (!session) return;
    const lead = Math.min(RENEWAL_LEAD_MS, (session.lifetime || 1800000) / 4);
    const wait = delay === undefined ? session.expiresAt - lead - Date.now() : delay;
    renewalTimer = setTimeout(() => renewSignIn(), Math.max(0, wait));
  }

  /** Renews the sign-in (one renewal at a time); answers whether the console holds a fresh token afterwards. */
  function renewSignIn() {
    if (!renewal) {
      renewal = renewInHiddenFrame()
        .catch(() => false)
        .then((renewed) => {
          const session = storedSession();
          if (renewed) {
            showRenewalWarning(false);
            scheduleRenewal();
          } else if (session && session.expiresAt > Date.now()) {
            showRenewalWarning(true, session.expiresAt);
            scheduleRenewal(Math.min(RENEWAL_RETRY_MS, session.expiresAt - Date.now()));
          } else {
            showRenewalWarning(false);
          }
          showSession();
          return renewed;
        })
        .finally(() => { renewal = null; });
    }
    return renewal;
  }

  async function renewInHiddenFrame() {
    const before = storedSession();
    if (!before) return false;
    const request = await authorizationRequest({ prompt: 'none' });
    const frame = h('iframe', { hidden: true, 'aria-hidden': 'true', tabindex: '-1', title: 'sign-in renewal' });
    let heard;
    const answer = new Promise((resolve) => {
      const timeout = setTimeout(() => resolve(null), RENEWAL_TIMEOUT_MS);
      heard = (event) => {
        if (event.origin !== location.origin || event.source !== frame.contentWindow || !event.data
            || event.data.type !== RENEWAL_MESSAGE) return;
        clearTimeout(timeout);
        resolve(new URLSearchParams(event.data.search));
      };
      window.addEventListener('message', heard);
    });
    frame.src = request.url;
    document.body.append(frame);
    let params;
    try {
      params = await answer;
    } finally {
      window.removeEventListener('message', heard);
      frame.remove();
    }
    // login_required and the like come back as ?error=…: the person has to sign in with a page
    if (!params || params.get('state') !== request.state || !params.get('code')) return false;
    const tokens = await exchangeCode(params.get('code'), request.verifier);
    // whoever is signed in at the provider now: if that is someone else, this tab does not become theirs
    if (tokenClaims(tokens.access_token).sub !== tokenClaims(before.accessToken).sub) return false;
    saveSession(tokens);
    return true;
  }

  function showRenewalWarning(show, endsAt) {
    const box = $('#session-warning');
    if (show) {
      const at = new Intl.DateTimeFormat('zh-CN', {
        timeZone: DISTRICT_ZONE, hour: '2-digit', minute: '2-digit', hour12: false,
      }).format(new Date(endsAt));
      $('#session-warning-text').textContent = `登录将于 ${at} 结束，请重新登录；正在填写的内容会保留。`
        + ` Your sign-in ends at ${at}: sign in again (what you are typing is kept).`;
    }
    box.hidden = !show;
  }

  // a tab in the background may hold its timers back: a renewal due while it was hidden is made on its return
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && !renewal) scheduleRenewal();
  });
  $('#session-renew').addEventListener('click',
    () => signIn().catch((error) => showMessage(acceptMessage, error.message)));

  // ---------------------------------------------------------------- HTTP

  class ApiError extends Error {
    constructor(status, problem, headers) {
      super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
      this.status = status;
      this.problem = problem || {};
      this.retryAfter = headers ? headers.get('Retry-After') : null;
      this.correlationId = (problem && problem.correlationId) || (headers ? headers.get('X-Correlation-Id') : null);
    }

    get fieldErrors() {
      return Array.isArray(this.problem.errors) ? this.problem.errors : [];
    }
  }

  /** Makes a call with the signed-in person's token; answers the response of a success, else throws ApiError. */
  async function call(method, path, body, extraHeaders = {}, renewed = false) {
    const init = {
      method,
      headers: { Accept: 'application/json, application/problem+json', ...extraHeaders },
      cache: 'no-store',
    };
    const session = currentSession();
    if (session) init.headers.Authorization = `Bearer ${session.accessToken}`;
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (networkFailure) {
      connection(false);
      throw new ApiError(0, {
        title: '网络错误 Network error',
        detail: '无法连接网关，请检查网络。The gateway cannot be reached.',
      });
    }
    if (!response.ok) {
      const data = parseJson(await response.text());
      if (response.status === 503 || response.status >= 502) connection(false);
      if (response.status === 401) {
        const hadSession = sessionStorage.getItem(SESSION_KEY) !== null; // refused, or run out by the clock
        // the gateway refused the token before passing the call on: made again once with a renewed token
        if (hadSession && !renewed && await renewSignIn()) return call(method, path, body, extraHeaders, true);
        // said on every refusal until the person signs in again, not only the first (the list's next refresh said
        // "please sign in" as to someone who never had, without "what you were typing is kept")
        signInEnded = signInEnded || hadSession;
        sessionStorage.removeItem(SESSION_KEY);
        clearTimeout(renewalTimer);
        showRenewalWarning(false);
        showSession();
        // what the person can do about it, not the token check's technical reason (the gateway's detail)
        const problem = data || {};
        problem.detail = signInEnded
          ? '登录已过期，请点击右上角“登录”重新登录；正在填写的内容会保留。\nYour sign-in has ended: sign in again '
            + '(top right); what you were typing is kept.'
          : '请先点击右上角“登录”。Please sign in (top right).';
        throw new ApiError(response.status, problem, response.headers);
      }
      throw new ApiError(response.status, data, response.headers);
    }
    connection(true);
    return response;
  }

  /** A JSON call: answers the body read (null when empty), or throws ApiError with the Problem Details. */
  async function api(method, path, body, extraHeaders = {}) {
    const response = await call(method, path, body, extraHeaders);
    return parseJson(await response.text());
  }

  function parseJson(text) {
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch (notJson) {
      return null;
    }
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value !== '' && value !== null && value !== undefined) search.set(key, value);
    }
    const text = search.toString();
    return text ? `?${text}` : '';
  }

  /**
   * Paging through one of routing's lists that give each page's `next` (the order list, the triage queue, the overdue
   * list): starts[k] is where page k begins (routing's `next` of page k-1; null: the top), so that paging on continues
   * after the entries seen, wherever entries arrive or leave the list meanwhile, and going back shows the same page
   * again. A page number counted from the top instead: entries dispatched or resolved meanwhile were skipped, and
   * ones arriving above shown twice.
   */
  function positionPager() {
    const pager = {
      page: 0,
      starts: [null],
      next: null,
      /** Back to the top of the list: a new filter, size or drill-down. */
      first() {
        pager.page = 0;
        pager.starts = [null];
        pager.next = null;
      },
      /** Where the page to show begins: routing's `after` (null: the top). */
      after: () => pager.starts[pager.page],
      /** Takes in a page read (anything with routing's `next`): where the one after it starts, if one does. */
      read(page) {
        pager.next = (page && page.next) || null;
      },
      /** On to the next page, starting after the last entry shown; false on the last page. */
      forward() {
        if (!pager.next) return false;
        pager.starts[pager.page + 1] = pager.next;
        pager.page += 1;
        return true;
      },
      /** Back to the page before, from where it began; false on the first. */
      back() {
        if (pager.page === 0) return false;
        pager.page -= 1;
        return true;
      },
    };
    return pager;
  }

  /**
   * Wires the pager under a list paged by position (‹ #<list>-prev, #<list>-next ›) to move `pager` and call `load`.
   */
  function wirePager(list, pager, load) {
    $(`#${list}-prev`).addEventListener('click', () => {
      if (pager.back()) load();
    });
    $(`#${list}-next`).addEventListener('click', () => {
      if (pager.forward()) load();
    });
  }

  /**
   * Loads the page of a list paged by position where `state.pager` stands (`fetchPage` reads it): when the page is
   * empty because its entries left the list meanwhile, the page before instead. Then `show(entries, total)`, or
   * `fail(error)`; neither when a newer load of the list (`state.sequence`) has begun since.
   */
  async function loadPositioned(state, fetchPage, show, fail) {
    const sequence = ++state.sequence;
    try {
      let page = await fetchPage();
      while (!asList(page).length && state.pager.back()) page = await fetchPage();
      if (sequence !== state.sequence) return;
      state.pager.read(page);
      show(asList(page), Number(page && page.totalElements) || 0);
    } catch (error) {
      if (sequence === state.sequence) fail(error);
    }
  }

  /**
   * After a load: the page and the count of `what` said (#<list>-page-info), the pager hidden when one page holds
   * all, its ends disabled.
   */
  function showPager(list, pager, total, what) {
    $(`#${list}-pager`).hidden = pager.page === 0 && !pager.next;
    const shown = pager.page + 1;
    $(`#${list}-page-info`).textContent = `第 ${shown} 页，共 ${total} 条 (page ${shown}, ${total} ${what})`;
    $(`#${list}-prev`).disabled = pager.page === 0;
    $(`#${list}-next`).disabled = !pager.next;
  }

  /** The text to show for a failed call: the Problem's detail, when to retry, and the id to quote to support. */
  // What a refusal means, in Chinese, above the services' own detail (in English, naming fields, states and codes),
  // by the Problem's type, else by its status
  const PROBLEM_HEADLINES = {
    'transition-refused': '当前状态下不能执行此操作。',
    conflict: '与已有数据冲突，未执行。',
    'order-changed': '工单已被他人更改，未执行；请按最新状态重新操作。',
    'not-found': '未找到。',
    forbidden: '您的角色无权执行此操作。',
    validation: '请求内容有误。',
    'invalid-body': '请求内容无法读取。',
    'payload-too-large': '内容过长。',
    'request-too-large': '内容过长。',
    'too-many-requests': '请求过于频繁，请稍后重试。',
    'service-unavailable': '服务暂不可用，请稍后重试。',
    'submission-log-unavailable': '暂时无法受理，未保存；请稍后重试。',
    internal: '系统出错，请将追踪编号告知运维。',
  };
  // a Problem without a type of ours (the gateway's own, a proxy's) read by its status as the type it stands for
  const STATUS_TYPES = {
    400: 'validation', 403: 'forbidden', 404: 'not-found', 409: 'transition-refused', 412: 'order-changed',
    413: 'payload-too-large', 429: 'too-many-requests', 500: 'internal', 502: 'service-unavailable',
    503: 'service-unavailable', 504: 'service-unavailable',
  };

  function problemText(error, fallback) {
    if (!(error instanceof ApiError)) return fallback || String(error);
    const detail = error.problem.detail || error.problem.title || fallback || `HTTP ${error.status}`;
    const type = String(error.problem.type || '');
    const headline = /[\u4e00-\u9fff]/.test(detail) ? null
      : PROBLEM_HEADLINES[type.slice(type.lastIndexOf('/') + 1)] || PROBLEM_HEADLINES[STATUS_TYPES[error.status]]
        || null;
    const lines = headline ? [headline, detail] : [detail];
    if (error.retryAfter) lines.push(`请 ${error.retryAfter} 秒后重试。Retry in ${error.retryAfter} s.`);
    if (error.correlationId) lines.push(`追踪编号 Correlation id: ${error.correlationId}`);
    return lines.join('\n');
  }

  /**
   * Shows a message in a form's or a list's box, or clears it (no text). {@code from} 'refresh': a list's load said
   * it, and the list's next load clears it; otherwise it answers what a person did and stays until their next
   * action (the list's refresh every 5 s had wiped a refused dispatch or a misheard tracking number within seconds).
   */
  function showMessage(box, text, kind, from) {
    box.dataset.from = from || 'action';
    if (!text) {
      box.hidden = true;
      box.textContent = '';
      return;
    }
    box.className = kind ? `message ${kind}` : 'message';
    box.textContent = text;
    box.hidden = false;
  }

  /** After a list's load: clears what an earlier load said; a person's answer only when they asked for the load. */
  function clearAfterLoad(box, auto) {
    if (!auto || box.dataset.from === 'refresh') showMessage(box, '');
  }

  let toastTimer;
  function toast(text) {
    const box = $('#toast');
    box.textContent = text;
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.hidden = true; }, 3500);
  }

  function connection(ok) {
    const line = $('#status-line');
    if (ok) {
      line.classList.remove('offline');
      line.textContent = `已更新 ${clock.format(new Date())} · Updated`;
    } else {
      line.classList.add('offline');
      line.textContent = '服务暂不可用 · Service unavailable';
    }
  }

  /** Marks each field a 400 Problem names; returns the errors that have no field on this form. */
  function markFieldErrors(form, errors) {
    const unplaced = [];
    for (const error of errors) {
      const field = error.field && form.querySelector(`[data-field="${CSS.escape(error.field)}"]`);
      if (field) {
        field.classList.add('invalid');
        const slot = $('.error', field);
        slot.textContent = slot.textContent ? `${slot.textContent}；${error.message}` : error.message;
      } else {
        unplaced.push(error.field ? `${error.field}: ${error.message}` : error.message);
      }
    }
    return unplaced;
  }

  function clearFieldErrors(form) {
    for (const field of $$('.field.invalid', form)) field.classList.remove('invalid');
    for (const slot of $$('.error', form)) slot.textContent = '';
  }

  /** Shows a failed call on a form: field errors next to their fields, the rest in the form's message box. */
  function showFailure(form, box, error) {
    clearFieldErrors(form);
    const unplaced = error instanceof ApiError ? markFieldErrors(form, error.fieldErrors) : [];
    if (error instanceof ApiError && error.fieldErrors.length) {
      const lines = ['请更正标出的内容。Please correct the marked fields.', ...unplaced];
      if (error.correlationId) lines.push(`追踪编号 Correlation id: ${error.correlationId}`);
      showMessage(box, lines.join('\n'));
    } else {
      showMessage(box, problemText(error));
    }
  }

  // ---------------------------------------------------------------- reference data

  const reference = {
    loaded: false,
    catalogue: [],
    departments: [],
    communities: [],
    channels: CHANNELS,
    byCode: { catalogue: new Map(), departments: new Map(), communities: new Map(), channels: new Map() },
  };

  function asList(data) {
    if (Array.isArray(data)) return data;
    if (data && Array.isArray(data.content)) return data.content;
    return [];
  }

  async function loadReference() {
    const [catalogue, departments, communities, channels] = await Promise.all([
      api('GET', `${API}/catalogue`),
      api('GET', `${API}/departments`),
      api('GET', `${API}/communities`),
      api('GET', `${API}/channels`).catch(() => CHANNELS),
    ]);
    reference.catalogue = asList(catalogue);
    reference.departments = asList(departments);
    reference.communities = asList(communities);
    reference.channels = asList(channels).length ? asList(channels) : CHANNELS;
    for (const kind of ['catalogue', 'departments', 'communities', 'channels']) {
      reference.byCode[kind] = new Map(reference[kind].map((item) => [item.code, item]));
    }
    reference.loaded = true;
    fillReferenceSelects();
  }

  function nameOf(kind, code) {
    if (!code) return '—';
    const item = reference.byCode[kind].get(code);
    return item ? item.name || code : code;
  }

  function gridName(community, code) {
    const grid = communityGrids(community).find((item) => item.code === code);
    return grid ? grid.name || code : code;
  }

  function bilingualName(item) {
    return item.nameEn ? `${item.name} · ${item.nameEn}` : item.name || item.code;
  }

  function fillSelect(select, items, placeholder, text = bilingualName) {
    const previous = select.value;
    fill(select,
      h('option', { value: '' }, placeholder),
      items.map((item) => h('option', { value: item.code }, text(item))),
    );
    if (previous && items.some((item) => item.code === previous)) select.value = previous;
  }

  /**
   * The channels a person may submit on here: the console is the call center's, and the gateway lets people
   * (operators) submit HOTLINE requests only, so that is the one offered, chosen already; channel systems post for
   * themselves.
   */
  const channelText = (c) => `${c.name} · ${c.code}`;

  function fillAcceptChannels(channels) {
    const offered = channels.filter((c) => c.code === 'HOTLINE');
    fillSelect($('#accept-channel'), offered.length ? offered : channels, '请选择 Choose…', channelText);
    if (offered.length) $('#accept-channel').value = 'HOTLINE';
  }

  function fillReferenceSelects() {
    fillAcceptChannels(reference.channels);
    fillSelect($('#accept-category'), reference.catalogue, '请选择 Choose…');
    fillSelect($('#accept-community'), reference.communities, '请选择 Choose…');
    restoreAcceptDraft(); // its category and community, then its grid among the community's
    updateGridChoices();
    restoreAcceptDraft();
    acceptDraft = null;
    fillSelect($('#filter-channel'), reference.channels, '全部 All', channelText);
    fillSelect($('#filter-category'), reference.catalogue, '全部 All');
    fillSelect($('#filter-community'), reference.communities, '全部 All');
    fillSelect($('#filter-department'), reference.departments, '全部 All');
    fillEndpointTargets();
    fillSelect($('#client-department'), reference.departments, '请选择 Choose…');
    fillSelect($('#client-channel'), reference.channels, '请选择 Choose…', channelText);
    updateExternalIdRule();
  }

  function departmentSelect(name, selected) {
    return h('select', { name, value: selected || '' },
      h('option', { value: '' }, '选择承办单位 Choose a department…'),
      reference.departments.map((d) => h('option', { value: d.code }, bilingualName(d))));
  }

  // ---------------------------------------------------------------- tabs

  const tabs = $$('.tabs [role="tab"]');

  function showTab(name, focus = false) {
    for (const tab of tabs) {
      const selected = tab.dataset.tab === name;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      $(`#${tab.getAttribute('aria-controls')}`).hidden = !selected;
      if (selected && focus) tab.focus();
    }
    if (location.hash !== `#${name}`) history.replaceState(null, '', `#${name}`);
    refreshActive();
  }

  function activeTab() {
    const tab = tabs.find((t) => t.getAttribute('aria-selected') === 'true');
    return tab ? tab.dataset.tab : 'accept';
  }

  /** Whether the signed-in person's roles may make the tab's calls (everyone may before signing in). */
  function mayUse(name) {
    return mayAct(...TAB_ROLES[name]);
  }

  /** The tab a person starts on: their daily work, else the first tab they may use; null when they may use none. */
  function homeTab() {
    const home = HOME_TABS.find(([role, name]) => mayAct(role) && mayUse(name));
    if (home) return home[1];
    const first = tabs.find((tab) => mayUse(tab.dataset.tab));
    return first ? first.dataset.tab : null;
  }

  /**
   * Shows only the tabs (buttons and panels) the roles may use and opens the wanted one if it is among them, else
   * the home tab; for roles that may use none, says what the console offers to whom instead of failing with 403s.
   */
  function showUsableTabs(wanted) {
    for (const tab of tabs) {
      tab.hidden = !mayUse(tab.dataset.tab);
    }
    const home = homeTab();
    $('#panel-none').hidden = home !== null;
    if (home === null) {
      for (const tab of tabs) {
        tab.setAttribute('aria-selected', 'false');
        $(`#${tab.getAttribute('aria-controls')}`).hidden = true;
      }
      showNoTab();
      return;
    }
    showTab(tabs.some((t) => t.dataset.tab === wanted && !t.hidden) ? wanted : home);
  }

  function showNoTab() {
    const session = currentSession();
    const granted = session ? tokenClaims(session.accessToken).roles || [] : [];
    fill($('#no-tab-roles'), bi(`您的角色：${granted.join('、') || '无'}。`, `Your roles: ${granted.join(', ') || 'none'}.`));
    fill($('#no-tab-offers'), Object.entries(TAB_ROLES).map(([name, roles]) => {
      const people = roles.map((role) => ROLE_NAMES[role]);
      return h('li', {}, bi(`${TAB_NAMES[name][0]}：${people.map((who) => who[0]).join('、')}`,
        `${TAB_NAMES[name][1]}: ${people.map((who) => who[1]).join(', ')}`));
    }));
  }

  for (const tab of tabs) {
    tab.addEventListener('click', () => showTab(tab.dataset.tab));
    tab.addEventListener('keydown', (event) => {
      // from one tab the person may use to the next, round the end
      const usable = tabs.filter((t) => !t.hidden);
      const index = usable.indexOf(tab);
      if (event.key === 'ArrowRight') showTab(usable[(index + 1) % usable.length].dataset.tab, true);
      if (event.key === 'ArrowLeft') showTab(usable[(index + usable.length - 1) % usable.length].dataset.tab, true);
    });
  }

  // ---------------------------------------------------------------- 受理 Accept

  const acceptForm = $('#accept-form');
  const acceptMessage = $('#accept-message');
  let idempotencyKey = uuid();
  let lastAcceptedId = null;

  function selectedChannel() {
    return reference.byCode.channels.get($('#accept-channel').value)
      || CHANNELS.find((c) => c.code === $('#accept-channel').value);
  }

  function updateExternalIdRule() {
    const channel = selectedChannel();
    const required = !channel || channel.externalIdRequired !== false;
    $('#external-id-required').hidden = !required;
    $('#accept-external-id').required = required;
    $('#external-id-hint').textContent = channel && !required
      ? '热线来电无需渠道单号。Not needed for hotline calls.'
      : '渠道系统自身的单号，重复提交不会重复立单。The channel\'s own id; sending it again creates nothing new.';
  }

  $('#accept-channel').addEventListener('change', updateExternalIdRule);

  /** The grids (网格) of the community chosen, or of none: a grid is optional and belongs to its community. */
  function communityGrids(code) {
    const community = code ? reference.byCode.communities.get(code) : null;
    return community && Array.isArray(community.grids) ? community.grids : [];
  }

  function updateGridChoices() {
    const select = $('#accept-grid');
    const community = $('#accept-community').value;
    const grids = communityGrids(community);
    fillSelect(select, grids, grids.length ? '不指定 None' : '—');
    select.disabled = !grids.length;
    $('#grid-hint').textContent = !community ? '先选社区。Choose the community first.'
      : grids.length ? '可选；按网格的派单规则据此生效。Optional; rules for a grid apply to it.'
        : '该社区未划分网格。This community has no grids.';
  }

  $('#accept-community').addEventListener('change', () => {
    $('#accept-grid').value = ''; // a grid of the community chosen before belongs to no other
    updateGridChoices();
  });

  function trimmed(value) {
    const text = (value || '').trim();
    return text === '' ? undefined : text;
  }

  // Characters typed against a field's limit (intake's, counted as characters): a paste past it stays whole and is
  // marked, where the browser's maxlength had cut it silently (2,325 characters of a description kept 2,000)
  function showCount(field) {
    const limit = Number(field.dataset.limit);
    const count = Array.from(field.value).length;
    const slot = field.parentElement.querySelector('.count');
    slot.textContent = count ? `${count} / ${limit}` + (count > limit ? ` · 超出 ${count - limit} 字 over the limit` : '')
      : '';
    slot.classList.toggle('over', count > limit);
  }
  for (const field of $$('[data-limit]', acceptForm)) {
    field.addEventListener('input', () => showCount(field));
  }
  acceptForm.addEventListener('reset', () => setTimeout(() => $$('[data-limit]', acceptForm).forEach(showCount)));

  acceptForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(acceptForm);
    const body = {
      channel: trimmed(data.get('channel')),
      externalId: trimmed(data.get('externalId')),
      category: trimmed(data.get('category')),
      title: trimmed(data.get('title')),
      description: trimmed(data.get('description')),
      urgency: data.get('urgency') || 'NORMAL',
      location: {
        community: trimmed(data.get('community')),
        address: trimmed(data.get('address')),
        grid: trimmed(data.get('grid')),
      },
      requester: {
        name: trimmed(data.get('requesterName')),
        phone: trimmed(data.get('requesterPhone')),
        idNumber: trimmed(data.get('requesterIdNumber')) || undefined,
      },
    };
    // A call taken twice (double click, retry after a timeout) must stay one order: without a channel id,
    // the form's own key makes the submission idempotent.
    const headers = body.externalId ? {} : { 'Idempotency-Key': idempotencyKey };
    const button = $('#accept-submit');
    button.disabled = true;
    clearFieldErrors(acceptForm);
    showMessage(acceptMessage, '');
    try {
      const accepted = await api('POST', `${API}/requests`, body, headers);
      const channel = $('#accept-channel').value;
      acceptForm.reset(); // also starts a new idempotency key for the next call
      $('#accept-channel').value = channel; // an operator usually takes the next call on the same channel
      showReceipt(accepted);
      showMessage(acceptMessage, '已受理，工单正在生成。Accepted; the work order is on its way.', 'ok');
    } catch (error) {
      showFailure(acceptForm, acceptMessage, error);
      const firstInvalid = $('.field.invalid input, .field.invalid select, .field.invalid textarea', acceptForm);
      if (firstInvalid) firstInvalid.focus();
    } finally {
      button.disabled = false;
    }
  });

  acceptForm.addEventListener('reset', () => {
    clearFieldErrors(acceptForm);
    showMessage(acceptMessage, '');
    idempotencyKey = uuid();
    setTimeout(() => {
      updateExternalIdRule();
      updateGridChoices();
    });
  });

  function showReceipt(accepted) {
    lastAcceptedId = accepted.id;
    $('#accept-result-empty').hidden = true;
    $('#accept-result-body').hidden = false;
    $('#accept-tracking').textContent = accepted.trackingNumber || '—';
    $('#accept-id').textContent = accepted.id || '—';
    fill($('#accept-status'), statusPill(accepted.status || 'RECEIVED'));
    $('#accept-at').textContent = formatTime(accepted.acceptedAt);
  }

  $('#accept-open').addEventListener('click', () => {
    if (lastAcceptedId) openDetail(lastAcceptedId, { waitForIt: true });
  });

  // ------------------------------------------------ the caller's earlier requests (来电历史)

  // As the operator types the caller's phone, the requests that number made, newest first: a caller asking after
  // one (催办, a question) is answered from it instead of being taken again as a new request.
  const CALLER_HISTORY = 5;
  const callerHistory = { phone: '', sequence: 0, timer: null };
  const callerPhone = acceptForm.elements.namedItem('requesterPhone');

  /** The typed phone when it is worth asking about (7 digits or more: a local number without its area code), else ''. */
  function phoneToLookUp() {
    const typed = callerPhone.value.trim();
    return typed.replace(/[^0-9０-９]/g, '').length >= 7 ? typed : '';
  }

  callerPhone.addEventListener('input', () => {
    clearTimeout(callerHistory.timer);
    callerHistory.timer = setTimeout(() => loadCallerHistory(), 500);
  });
  callerPhone.addEventListener('change', () => loadCallerHistory());
  acceptForm.addEventListener('reset', () => setTimeout(() => loadCallerHistory()));

  async function loadCallerHistory() {
    clearTimeout(callerHistory.timer);
    const phone = mayUse('orders') ? phoneToLookUp() : '';
    if (phone === callerHistory.phone) return;
    callerHistory.phone = phone;
    const sequence = ++callerHistory.sequence;
    if (!phone) {
      $('#caller-history').hidden = true;
      return;
    }
    try {
      const page = await api('GET', `${API}/requests${query({ phone, size: CALLER_HISTORY })}`);
      if (sequence === callerHistory.sequence) renderCallerHistory(asList(page), Number(page && page.totalElements));
    } catch (error) {
      if (sequence !== callerHistory.sequence) return;
      callerHistory.phone = ''; // asked again once the number is typed or left again
      // a number routing can't read is the form's to say on submitting; anything else is said here
      $('#caller-history').hidden = error instanceof ApiError && error.status === 400;
      $('#caller-history-count').textContent = '';
      fill($('#caller-history-list'), h('li', { class: 'muted' }, problemText(error, '暂时无法查询该号码的诉求。')));
      $('#caller-history-all').hidden = true;
    }
  }

  function renderCallerHistory(items, total) {
    $('#caller-history').hidden = false;
    $('#caller-history-count').textContent = total ? String(total) : '';
    fill($('#caller-history-list'), items.length ? items.map((order) => h('li', null, h('button', {
      type: 'button', title: '查看详情 Open details', onclick: () => openDetail(order.id),
    },
    h('span', null, statusPill(order.status), ' ', h('span', { class: 'mono' }, order.trackingNumber || '')),
    h('span', { class: 'history-title' }, order.title || '—'),
    h('span', { class: 'muted' }, [formatTime(order.acceptedAt, shortDateTime), order.department
      ? nameOf('departments', order.department) : '', order.followUps ? `催办 ${order.followUps} 次` : '']
      .filter(Boolean).join(' · ')))))
      : h('li', { class: 'muted' }, bi('此号码没有诉求记录', 'No request from this number')));
    $('#caller-history-all').hidden = total <= items.length;
  }

  /** The Orders tab on every request of the number, newest first. */
  $('#caller-history-all').addEventListener('click', () => {
    for (const select of $$('select', filterForm)) select.value = '';
    showDrill(null);
    $('#filter-phone').value = callerHistory.phone;
    orders.pager.first();
    showTab('orders');
  });

  // ---------------------------------------------------------------- 工单 Orders

  const filterForm = $('#filter-form');
  const ordersMessage = $('#orders-message');
  // paged on from where the page shown ends, and back to the same pages
  const orders = { pager: positionPager(), size: 20, total: 0, sequence: 0, drill: null };

  fillSelect($('#filter-status'), Object.keys(STATUS).map((code) => ({ code, name: STATUS[code][0], nameEn: STATUS[code][1] })), '全部 All');

  function currentFilters() {
    const data = new FormData(filterForm);
    return {
      status: data.get('status'),
      department: data.get('department'),
      channel: data.get('channel'),
      category: data.get('category'),
      community: data.get('community'),
      phone: (data.get('phone') || '').trim(),
      followedUp: data.get('followedUp'), // 'true': the orders the caller asked after (催办件); 'false': the others
    };
  }

  filterForm.addEventListener('change', () => {
    orders.pager.first();
    loadOrders();
  });

  filterForm.addEventListener('reset', () => {
    setTimeout(() => {
      showDrill(null); // 重置 clears a drill-down from the supervision tab too
      orders.pager.first();
      loadOrders();
    });
  });

  /**
   * A drill-down from a row of the supervision tab's summary: the orders that row counts, i.e. accepted in its
   * window (acceptedFrom/acceptedTo, the summary's own date forms) and of its key — for departments the one the
   * order was last dispatched to (dispatchedTo, the summary's grouping), else its channel, category or community.
   */
  function drillParams(drill) {
    if (!drill) return {};
    return { [drill.param]: drill.key, acceptedFrom: drill.from, acceptedTo: drill.to };
  }

  /** Shows (or, with null, clears) the drill-down filter as a chip; its own select is held while it is on. */
  function showDrill(drill) {
    orders.drill = drill;
    for (const select of $$('select', filterForm)) {
      const held = Boolean(drill) && select.name === drill.param;
      if (held) select.value = drill.key;
      else if (select.disabled) select.value = '';
      select.disabled = held;
    }
    const box = $('#orders-drill');
    box.hidden = !drill;
    if (!drill) {
      fill(box);
      return;
    }
    const clear = h('button', { type: 'button', 'aria-label': '清除此筛选 Clear this filter', title: '清除 Clear' }, '✕');
    clear.addEventListener('click', () => {
      showDrill(null);
      orders.pager.first();
      loadOrders();
    });
    fill(box, h('span', { class: 'chip', role: 'status' },
      h('span', null, `${[drill.label[0], drill.name].filter(Boolean).join(' ')} · ${drill.from} – ${drill.to}`, ' ',
        h('span', { class: 'en' }, `${drill.label[1]}, accepted`)),
      clear));
  }

  filterForm.addEventListener('submit', (event) => {
    event.preventDefault(); // Enter in the phone field: the list for that caller
    orders.pager.first();
    loadOrders();
  });

  $('#page-prev').addEventListener('click', () => {
    if (orders.pager.back()) loadOrders();
  });

  $('#page-next').addEventListener('click', () => {
    if (orders.pager.forward()) loadOrders();
  });

  $('#page-size').addEventListener('change', (event) => {
    orders.size = Number(event.target.value);
    orders.pager.first();
    loadOrders();
  });

  async function loadOrders({ auto = false } = {}) {
    const sequence = ++orders.sequence;
    try {
      const page = await api('GET', `${API}/requests${query({
        ...currentFilters(), ...drillParams(orders.drill), after: orders.pager.after(), size: orders.size,
      })}`);
      if (sequence !== orders.sequence) return; // a newer request is on its way
      clearAfterLoad(ordersMessage, auto);
      renderOrders(page);
    } catch (error) {
      if (sequence === orders.sequence) {
        showMessage(ordersMessage, problemText(error, '无法加载工单。Orders could not be loaded.'), null, 'refresh');
      }
    }
  }

  function renderOrders(page) {
    const content = asList(page);
    orders.total = Number(page && page.totalElements) || 0;
    orders.pager.read(page);
    const body = $('#orders-body');
    if (!content.length) {
      fill(body, h('tr', { class: 'empty' }, h('td', { colspan: 9 }, bi('暂无符合条件的工单', 'No orders match'))));
    } else {
      fill(body, content.map(orderRow));
    }
    const pages = Math.max(1, Math.ceil(orders.total / orders.size));
    const shown = orders.pager.page + 1;
    $('#page-info').textContent = `第 ${shown} / ${pages} 页 · 共 ${orders.total} 条 (${orders.total} total)`;
    $('#page-prev').disabled = orders.pager.page === 0;
    $('#page-next').disabled = !orders.pager.next;
  }

  function orderRow(order) {
    const late = isLate(order);
    const row = h('tr', {
      class: order.emergency || order.urgency === 'EMERGENCY' ? 'emergency' : null,
      tabindex: 0,
      title: '查看详情 Open details',
      onclick: () => openDetail(order.id),
      onkeydown: (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          openDetail(order.id);
        }
      },
    },
    h('td', null, formatTime(order.acceptedAt, shortDateTime)),
    h('td', { class: 'mono' }, order.trackingNumber || '—'),
    h('td', { class: 'title-cell' }, urgencyFlag(order.urgency), order.title || '—'),
    h('td', null, nameOf('catalogue', order.category)),
    h('td', null, nameOf('communities', order.community)),
    h('td', null, nameOf('channels', order.channel)),
    h('td', null, nameOf('departments', order.department)),
    h('td', null, statusPill(order.status), order.followUps ? h('span', {
      class: 'muted', title: `诉求人来电催办 ${order.followUps} 次 · the caller followed up ${order.followUps}×`,
    }, ` 催办 ${order.followUps}`) : null),
    h('td', { class: late ? 'overdue' : null }, order.deadlines ? formatTime(order.deadlines.resolveBy, shortDateTime) : '—',
      late ? ' 已超时' : null));
    return row;
  }

  /** A tracking number as a person types it, read out with spaces or dashes: its digits. */
  function trackingDigits(typed) {
    return (typed || '').replace(/[\s-]/g, '');
  }

  function noOrderWith(number) {
    return `未找到跟踪号为 ${number} 的工单。No order has this tracking number.`;
  }

  /** The order a tracking number names, null when none has it (the Orders tab's lookup, a merge's target). */
  async function orderByTrackingNumber(number) {
    try {
      return await api('GET', `${API}/requests/by-tracking-number/${encodeURIComponent(number)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  $('#tracking-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const number = trackingDigits($('#tracking-input').value);
    if (!number) return;
    try {
      const order = await orderByTrackingNumber(number);
      if (!order) {
        showMessage(ordersMessage, noOrderWith(number));
        return;
      }
      showMessage(ordersMessage, '');
      openDetail(order.id, { order });
    } catch (error) {
      showMessage(ordersMessage, problemText(error));
    }
  });

  // ---------------------------------------------------------------- 分拨 Triage

  const triageMessage = $('#triage-message');
  const triageChoices = new Map(); // order id -> department chosen but not yet dispatched
  const triageNotes = new Map(); // order id -> [text, kind] its last dispatch answered, kept over the list's refresh
  // paged on from where the page shown ends (dispatching a page's orders leaves the next where it was), and back
  const triagePage = positionPager();
  let triageSequence = 0;

  /**
   * The dispatchers' queue (routing's own: unroutable and returned orders, emergencies first, then urgent ones,
   * each oldest first, with why each waits), from the top or after a position it gave.
   */
  async function fetchTriage(size, after = null) {
    const queue = await api('GET', `${API}/requests/triage${query({ after, size })}`);
    const total = Number(queue && queue.totalElements) || 0;
    return { items: asList(queue), total, next: (queue && queue.next) || null };
  }

  $('#triage-prev').addEventListener('click', () => {
    if (triagePage.back()) loadTriage();
  });

  $('#triage-next').addEventListener('click', () => {
    if (triagePage.forward()) loadTriage();
  });

  /** Only dispatchers and supervisors may read the queue (the gateway refuses anyone else). */
  function mayReadTriage() {
    return mayUse('triage');
  }

  function showTriageCount(total) {
    const badge = $('#triage-count');
    badge.textContent = total > 99 ? '99+' : String(total);
    badge.hidden = total === 0;
  }

  async function refreshTriageCount() {
    if (!mayReadTriage()) return;
    try {
      showTriageCount((await fetchTriage(1)).total);
    } catch (ignored) {
      // the status line already says the service is unavailable
    }
  }

  async function loadTriage({ auto = false } = {}) {
    const list = $('#triage-list');
    if (auto && list.contains(document.activeElement) && document.activeElement.tagName === 'SELECT') {
      return; // don't pull the list from under a dispatcher choosing a department
    }
    const sequence = ++triageSequence;
    if (!mayReadTriage()) {
      showMessage(triageMessage,
        '分拨队列仅供派单员与督办查看。The dispatch queue is for dispatchers and supervisors.', 'warn', 'refresh');
      fill(list);
      $('#triage-pager').hidden = true;
      return;
    }
    try {
      let queue = await fetchTriage(TRIAGE_PAGE, triagePage.after());
      while (!queue.items.length && triagePage.back()) {
        // none left after where this page began (dispatched meanwhile): the page before instead of an empty one
        queue = await fetchTriage(TRIAGE_PAGE, triagePage.after());
      }
      if (sequence !== triageSequence) return;
      triagePage.read(queue);
      showTriageCount(queue.total);
      clearAfterLoad(triageMessage, auto);
      renderTriage(queue.items);
      showTriagePager(queue.total);
    } catch (error) {
      if (sequence === triageSequence) {
        showMessage(triageMessage, problemText(error, '无法加载待分拨工单。Triage could not be loaded.'), null, 'refresh');
      }
    }
  }

  /** Oldest first, a page at a time: which page of the queue this is, and the way to the others. */
  function showTriagePager(total) {
    $('#triage-pager').hidden = triagePage.page === 0 && !triagePage.next;
    const shown = triagePage.page + 1;
    $('#triage-page-info').textContent = `第 ${shown} 页，共 ${total} 条 (page ${shown}, ${total} waiting)`;
    $('#triage-prev').disabled = triagePage.page === 0;
    $('#triage-next').disabled = !triagePage.next;
  }

  function renderTriage(items) {
    const list = $('#triage-list');
    const present = new Set(items.map((item) => item.id));
    for (const id of triageChoices.keys()) if (!present.has(id)) triageChoices.delete(id);
    for (const id of triageNotes.keys()) if (!present.has(id)) triageNotes.delete(id);
    if (!items.length) {
      fill(list, h('div', { class: 'triage-empty' }, bi('分拨队列已清空', 'Nothing waits for dispatch')));
      return;
    }
    fill(list, items.map(triageItem));
  }

  /** The category's responsible department, unless that department has sent the order back. */
  function suggestedDepartment(order) {
    const category = reference.byCode.catalogue.get(order.category);
    const responsible = category && category.department ? category.department : '';
    return (order.returnedBy || []).includes(responsible) ? '' : responsible;
  }

  /** The department that sent the order back last, or null. */
  function returnedFrom(order) {
    const returned = order.returnedBy || [];
    return order.status === 'RETURNED' && returned.length ? returned[returned.length - 1] : null;
  }

  /**
   * Why the order waits: the note of the step that queued it (routing's `reason`). A return reads
   * "returned by <department>: <note>": then the note, and the department unless the item names it already.
   */
  function waitingReason(order) {
    const reason = (order.reason || '').trim();
    if (!reason) return null;
    const returned = /^returned by ([^:\s]+): /.exec(reason);
    if (!returned) return { label: bi('待分拨原因', 'Why it waits'), text: noteText('TRIAGED', reason) };
    const note = reason.slice(returned[0].length).trim() || '—';
    return {
      label: bi('退单理由', 'Return reason'),
      text: returned[1] === returnedFrom(order) ? note : `${nameOf('departments', returned[1])}：${note}`,
    };
  }

  function triageItem(order) {
    const emergency = order.emergency || order.urgency === 'EMERGENCY';
    const why = waitingReason(order);
    const select = departmentSelect('department', triageChoices.get(order.id) || suggestedDepartment(order));
    select.setAttribute('aria-label', `承办单位 Department for ${order.trackingNumber || order.id}`);
    select.addEventListener('change', () => triageChoices.set(order.id, select.value));
    const button = h('button', { type: 'button', class: 'primary' }, bi('派单', 'Dispatch'));
    // what this order's dispatch answered, beside its button (the queue's box sits above a long list, out of
    // sight), until the dispatcher tries again: the list's refresh builds the item anew with it
    const itemMessage = h('div', { class: 'message', role: 'alert', hidden: true });
    const note = (text, kind) => {
      if (text) triageNotes.set(order.id, [text, kind]);
      else triageNotes.delete(order.id);
      showMessage(itemMessage, text, kind);
    };
    if (triageNotes.has(order.id)) note(...triageNotes.get(order.id));
    button.addEventListener('click', async () => {
      if (!select.value) {
        select.focus();
        note('请先选择承办单位。Choose a department first.', 'warn');
        return;
      }
      note('');
      button.disabled = true;
      try {
        const body = { department: select.value };
        // decided on the order as listed: changed since (rejected, merged, dispatched by another), it is refused
        await api('POST', `${API}/requests/${encodeURIComponent(order.id)}/dispatch`, body, {
          ...(order.version === undefined ? {} : { 'If-Match': `"${order.version}"` }),
          'Idempotency-Key': decisionKey('dispatch', order.id, order.since || order.acceptedAt, body),
        });
        triageChoices.delete(order.id);
        toast(`已派单至 ${nameOf('departments', select.value)} · Dispatched`);
        showMessage(triageMessage, '');
        loadTriage();
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
          await loadTriage();
          showMessage(triageMessage, `工单 ${order.trackingNumber || order.id} 在列出后已被他人更改，队列已刷新；`
            + '您的派单未执行。\nThe order changed since it was listed; the queue is shown as it is now. '
            + 'Nothing was dispatched: decide again.', 'warn');
        } else {
          note(problemText(error));
        }
      } finally {
        button.disabled = false;
      }
    });
    return h('article', { class: emergency ? 'triage-item emergency' : 'triage-item' },
      h('div', null,
        h('h3', null, urgencyFlag(order.urgency), order.title || '—'),
        h('div', { class: 'triage-meta' },
          statusPill(order.status),
          h('span', { class: 'mono' }, order.trackingNumber || ''),
          h('span', null, '受理 ', formatTime(order.acceptedAt)),
          h('span', null, nameOf('catalogue', order.category)),
          h('span', null, nameOf('communities', order.community)),
          h('span', null, nameOf('channels', order.channel)),
          returnedFrom(order) ? h('span', null, '退回自 ', nameOf('departments', returnedFrom(order))) : null,
          order.since ? h('span', null, '待分拨自 ', formatTime(order.since)) : null),
        why ? h('p', { class: 'triage-reason' }, h('span', { class: 'label' }, why.label), ' ', why.text) : null,
        itemMessage),
      h('div', { class: 'triage-actions' },
        select,
        button,
        h('button', { type: 'button', class: 'ghost', onclick: () => openDetail(order.id) }, bi('详情', 'Details'))));
  }

  // ---------------------------------------------------------------- extension requests (supervisors)

  const EXTENSIONS_PAGE = 100; // routing gives at most 100 a page; more waiting at once is a backlog to report
  const extensionsMessage = $('#extensions-message');
  let extensionsSequence = 0;

  /**
   * The orders whose department asked for more time and waits for a supervisor (routing's list, oldest request
   * first): the decision itself stays in the order's detail, where its approve and refuse buttons are.
   */
  async function loadExtensions() {
    const card = $('#extensions-card');
    card.hidden = !mayAct('SUPERVISOR');
    if (card.hidden) return;
    const sequence = ++extensionsSequence;
    try {
      const page = await api('GET', `${API}/supervision/extensions${query({ page: 0, size: EXTENSIONS_PAGE })}`);
      if (sequence !== extensionsSequence) return;
      const items = asList(page);
      const total = Number(page && page.totalElements) || 0;
      const badge = $('#extensions-count');
      badge.textContent = total > 99 ? '99+' : String(total);
      badge.hidden = total === 0;
      showMessage(extensionsMessage, total > items.length
        ? `显示最早的 ${items.length} 条，共 ${total} 条。Showing the oldest ${items.length} of ${total}.` : '', 'warn');
      fill($('#extensions-list'), items.length ? items.map(extensionItem)
        : h('div', { class: 'triage-empty' }, bi('没有待审批的延期申请', 'No extension request waits for a decision')));
    } catch (error) {
      if (sequence === extensionsSequence) showMessage(extensionsMessage, problemText(error, '无法加载待审批延期。'));
    }
  }

  function extensionItem(request) {
    const open = () => openDetail(request.id);
    return h('article', { class: 'triage-item extension-item', onclick: open },
      h('div', null,
        h('h3', null, urgencyFlag(request.urgency), request.title || '—'),
        h('div', { class: 'triage-meta' },
          statusPill(request.status),
          h('span', { class: 'mono' }, request.trackingNumber || ''),
          h('span', null, nameOf('departments', request.department)),
          h('span', null, '申请于 ', formatTime(request.requestedAt)),
          h('span', null, '现期限 ', formatTime(request.due)),
          h('span', { class: 'overdue' }, '申请延期至 ', formatTime(request.requestedUntil), ' · requested until')),
        request.reason
          ? h('p', { class: 'triage-reason' }, h('span', { class: 'label' }, bi('延期理由', 'Reason')), ' ', request.reason)
          : null),
      h('div', { class: 'triage-actions' },
        h('button', { type: 'button', class: 'primary', onclick: (event) => { event.stopPropagation(); open(); } },
          bi('审批', 'Decide'))));
  }

  // ---------------------------------------------------------------- 督办 Supervision

  const supervision = {
    loadedAt: 0,
    summary: null, // the summary shown, with the window and grouping it was asked for
    summarySequence: 0,
    backlogSequence: 0,
    // paged on from where the page shown ends (orders resolved meanwhile leave the next where it was), and back
    overdue: { pager: positionPager(), total: 0, department: null, departmentName: null, sequence: 0 },
    // the access audit, paged as the overdue list: records made meanwhile don't push the next page's ones round
    access: { pager: positionPager(), filter: {}, sequence: 0 },
  };
  const summaryForm = $('#summary-form');

  // what a drill-down from a summary row filters on, per grouping: the list parameter and the chip's label
  const DRILL = {
    department: { param: 'dispatchedTo', label: ['派单至', 'Dispatched to'] },
    channel: { param: 'channel', label: ['渠道', 'Channel'] },
    category: { param: 'category', label: ['类别', 'Category'] },
    community: { param: 'community', label: ['社区', 'Community'] },
  };
  // the department grouping's row of orders never dispatched (未派单, no key): listed by dispatched=false
  const NEVER_DISPATCHED = { param: 'dispatched', key: 'false', label: ['未派单', 'Never dispatched'] };

  /** Everything the tab shows, each card on its own: one that fails says so and leaves the others be. */
  async function loadSupervision() {
    supervision.loadedAt = Date.now();
    await Promise.all([loadSummary(), loadBacklog(), loadOverdue(), loadExtensions(), loadAccessAudit()]);
  }

  /** The window and grouping chosen; null (and a message) for a custom window not filled in. */
  function summaryParams() {
    const data = new FormData(summaryForm);
    const choice = data.get('window') || '30d';
    const custom = { from: $('#summary-from').value, to: $('#summary-to').value };
    $('#summary-from').disabled = choice !== 'custom';
    $('#summary-to').disabled = choice !== 'custom';
    const span = summaryWindow(choice, districtToday(), custom);
    return span ? { ...span, groupBy: $('#summary-group-by').value || 'department' } : null;
  }

  summaryForm.addEventListener('change', () => loadSummary());
  summaryForm.addEventListener('submit', (event) => event.preventDefault());
  $('#supervision-refresh').addEventListener('click', () => loadSupervision());

  async function loadSummary() {
    const message = $('#summary-message');
    clearFieldErrors(summaryForm);
    const params = summaryParams();
    if (!params) {
      clearSummary();
      showMessage(message, '请选择起止日期。Choose both dates.', 'warn');
      return;
    }
    if (params.from > params.to) { // both dates included: the end may be the start's day, not before it
      clearSummary();
      markFieldErrors(summaryForm, [{ field: 'to', message: '结束日期不能早于开始日期。The end is before the start.' }]);
      showMessage(message, '请更正标出的日期。Please correct the marked date.', 'warn');
      return;
    }
    const sequence = ++supervision.summarySequence;
    try {
      const summary = await api('GET', `${API}/stats/summary${query(params)}`);
      if (sequence !== supervision.summarySequence) return;
      showMessage(message, '');
      supervision.summary = { ...params, data: summary };
      renderSummary(params, summary);
    } catch (error) {
      if (sequence !== supervision.summarySequence) return;
      if (error instanceof ApiError && error.status === 400) clearSummary(); // figures of no window asked for
      showFailure(summaryForm, message, error);
    }
  }

  /** No figures while the window asked for has none: the last window's, shown under the new dates, misled. */
  function clearSummary() {
    supervision.summary = null;
    $('#summary-as-of').textContent = '';
    fill($('#summary-body'));
    fill($('#summary-total'));
  }

  function renderSummary(params, summary) {
    fill($('#summary-key-heading'), bi(...GROUP_BY[params.groupBy]));
    $('#summary-as-of').textContent = `数据截至 ${formatTime(summary.asOf, districtDateTime)}（统计可能滞后约半分钟）`
      + ` · as of ${formatTime(summary.asOf, districtDateTime)}; counts may lag half a minute.`
      + ` 受理于 ${params.from} – ${params.to} · accepted ${params.from} to ${params.to}`;
    const rows = asList(summary && summary.rows);
    fill($('#summary-body'), rows.length ? rows.map((row) => summaryRow(params, row))
      : h('tr', { class: 'empty' }, h('td', { colspan: 11 }, bi('此时段没有受理的工单', 'No orders accepted in this window'))));
    fill($('#summary-total'), summary && summary.total ? summaryCells(summary.total, '合计 Total') : null);
  }

  function summaryCells(row, name) {
    return h('tr', null,
      h('td', null, name),
      h('td', { class: 'num' }, String(row.received ?? 0)),
      h('td', { class: 'num' }, String(row.dispatched ?? 0)),
      h('td', { class: 'num' }, percent(row.responseRate)),
      h('td', { class: 'num' }, percent(row.resolutionRate)),
      h('td', { class: 'num' }, percent(row.satisfactionRate)),
      h('td', { class: 'num' }, String(row.resolved ?? 0)),
      h('td', { class: row.overdue ? 'num overdue' : 'num' }, String(row.overdue ?? 0)),
      h('td', { class: 'num' }, String(row.followedUp ?? 0)),
      h('td', { class: 'num' }, String(row.followUps ?? 0)),
      h('td', { class: 'num' }, percent(row.followUpRate)));
  }

  /**
   * A summary row; a click lists the orders it counts. By department, the row without a key is the orders never
   * dispatched; by community, the orders without one, which no list parameter finds: that row is not a way in.
   */
  function summaryRow(params, row) {
    const keyless = row.key === null || row.key === undefined;
    const neverDispatched = keyless && params.groupBy === 'department';
    const name = keyless ? (row.name || (neverDispatched ? '未派单' : '未填写')) : (row.name || row.key);
    const tr = summaryCells(row, name);
    if (keyless && !neverDispatched) {
      tr.className = 'inert';
      tr.title = '这些工单没有可筛选的值 · these orders have no value to list by';
      return tr;
    }
    const open = () => (neverDispatched ? drillDown(params, null, '', NEVER_DISPATCHED)
      : drillDown(params, row.key, name));
    tr.tabIndex = 0;
    tr.title = '查看这些工单 Open the orders this row counts';
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open();
      }
    });
    return tr;
  }

  /** Opens the Orders tab on exactly the orders a summary row counts, the drill-down shown as a chip there. */
  function drillDown(params, key, name, special) {
    const drill = special || DRILL[params.groupBy];
    for (const select of $$('select', filterForm)) select.value = '';
    showDrill({ param: drill.param, key: special ? special.key : key, name, label: drill.label, from: params.from,
      to: params.to });
    orders.pager.first();
    showTab('orders');
  }

  $('#summary-csv').addEventListener('click', async () => {
    const params = summaryParams();
    const message = $('#summary-message');
    if (!params) {
      showMessage(message, '请选择起止日期。Choose both dates.', 'warn');
      return;
    }
    const button = $('#summary-csv');
    button.disabled = true;
    try {
      // through fetch with the token (a plain link would carry none), saved under the server's file name
      const response = await call('GET', `${API}/stats/summary.csv${query(params)}`, undefined,
        { Accept: 'text/csv, application/problem+json' });
      const blob = await response.blob();
      const name = attachmentName(response.headers.get('Content-Disposition'))
        || `onenet-stats-${params.from}-${params.to}-${params.groupBy}.csv`;
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      toast(`已导出 ${name} · Downloaded`);
    } catch (error) {
      showFailure(summaryForm, message, error);
    } finally {
      button.disabled = false;
    }
  });

  // ------------------------------------------------ backlog

  async function loadBacklog() {
    const message = $('#backlog-message');
    const sequence = ++supervision.backlogSequence;
    try {
      const backlog = await api('GET', `${API}/supervision/backlog`);
      if (sequence !== supervision.backlogSequence) return;
      showMessage(message, '');
      renderBacklog(backlog);
    } catch (error) {
      if (sequence === supervision.backlogSequence) showMessage(message, problemText(error, '无法加载积压。'));
    }
  }

  function renderBacklog(backlog) {
    const rows = asList(backlog && backlog.rows);
    const total = backlog && backlog.total;
    const statuses = Object.keys((total && total.byStatus) || {});
    $('#backlog-as-of').textContent = `在办工单（未关闭、未不予受理、未并单），按当前承办单位；数据截至 ${formatTime(backlog.asOf,
      districtDateTime)} · Open orders by the department holding them now, as of ${formatTime(backlog.asOf,
      districtDateTime)}.`;
    fill($('#backlog-head'), h('tr', null,
      h('th', null, bi('承办单位', 'Department')),
      h('th', { class: 'num' }, bi('在办', 'Open')),
      statuses.map((status) => h('th', { class: 'num' }, label(STATUS, status))),
      Object.keys(AGEING).map((bucket) => h('th', { class: 'num' }, bi(...AGEING[bucket]))),
      h('th', { class: 'num' }, bi('超时', 'Overdue')),
      h('th', { class: 'num' }, bi('来电催办', 'Asked after'))));
    fill($('#backlog-body'), rows.length ? rows.map((row) => backlogRow(row, statuses))
      : h('tr', { class: 'empty' }, h('td', { colspan: statuses.length + 8 }, bi('没有在办工单', 'No open orders'))));
    fill($('#backlog-total'),
      total ? backlogRow({ ...total, department: null, name: '合计 Total' }, statuses, true) : null);
  }

  function backlogRow(row, statuses, isTotal = false) {
    const ageing = row.ageing || {};
    const name = row.name || row.department || '派单员';
    let overdue = String(row.overdue ?? 0);
    if (!isTotal && row.department && row.overdue > 0) {
      // the department's late orders, in the overdue list below
      overdue = h('button', {
        type: 'button', class: 'link', title: `查看 ${name} 的超时工单 · Show its overdue orders`,
        onclick: () => showOverdueOf(row.department, name),
      }, overdue);
    }
    return h('tr', { class: 'inert' },
      h('td', null, name),
      h('td', { class: 'num' }, String(row.open ?? 0)),
      statuses.map((status) => h('td', { class: 'num' }, String((row.byStatus || {})[status] ?? 0))),
      Object.keys(AGEING).map((bucket) => h('td', { class: 'num' }, String(ageing[bucket] ?? 0))),
      h('td', { class: row.overdue ? 'num overdue' : 'num' }, overdue),
      h('td', { class: 'num' }, String(row.followedUp ?? 0)));
  }

  // ------------------------------------------------ overdue list

  function showOverdueOf(department, name) {
    Object.assign(supervision.overdue, { department, departmentName: name });
    supervision.overdue.pager.first();
    loadOverdue();
    $('#overdue-card').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  wirePager('overdue', supervision.overdue.pager, () => loadOverdue());

  /** Routing's list of late orders, most overdue first, a page at a time; of one department when one is chosen. */
  async function loadOverdue() {
    const state = supervision.overdue;
    const message = $('#overdue-message');
    renderOverdueFilter();
    await loadPositioned(state, () => api('GET', `${API}/supervision/overdue${query({
      department: state.department, after: state.pager.after(), size: OVERDUE_PAGE,
    })}`), (items, total) => {
      showMessage(message, '');
      renderOverdue(items, total);
    }, (error) => showMessage(message, problemText(error, '无法加载超时工单。')));
  }

  function renderOverdueFilter() {
    const state = supervision.overdue;
    const box = $('#overdue-filter');
    box.hidden = !state.department;
    if (!state.department) {
      fill(box);
      return;
    }
    fill(box, h('span', { class: 'chip', role: 'status' },
      h('span', null, `仅 ${state.departmentName || state.department} `, h('span', { class: 'en' }, 'only')),
      h('button', {
        type: 'button', 'aria-label': '显示全部承办单位 All departments', title: '清除 Clear',
        onclick: () => {
          Object.assign(state, { department: null, departmentName: null });
          state.pager.first();
          loadOverdue();
        },
      }, '✕')));
  }

  function renderOverdue(items, total) {
    const state = supervision.overdue;
    state.total = total;
    const badge = $('#overdue-count');
    badge.textContent = total > 99 ? '99+' : String(total);
    badge.hidden = total === 0 || Boolean(state.department);
    fill($('#overdue-body'), items.length ? items.map(overdueRow)
      : h('tr', { class: 'empty' }, h('td', { colspan: 8 }, bi('没有超时工单', 'No order is overdue'))));
    showPager('overdue', state.pager, total, 'overdue');
  }

  function overdueRow(order) {
    const open = () => openDetail(order.id);
    const escalation = ESCALATION[order.escalation];
    return h('tr', {
      class: order.emergency || order.urgency === 'EMERGENCY' ? 'emergency' : null,
      tabindex: 0,
      title: '查看详情 Open details',
      onclick: open,
      onkeydown: (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          open();
        }
      },
    },
    h('td', { class: 'mono' }, order.trackingNumber || '—'),
    h('td', { class: 'title-cell' }, urgencyFlag(order.urgency), order.title || '—'),
    h('td', null, order.departmentName || nameOf('departments', order.department)),
    h('td', null, label(DEADLINE_KIND, order.deadline)),
    h('td', null, formatTime(order.due, districtDateTime)),
    h('td', { class: 'overdue', title: order.overdueBy || '' }, overdueText(order.overdueMinutes)),
    h('td', null, escalation ? bi(escalation[0], escalation[1]) : '—'),
    h('td', { class: 'num', title: order.followUps ? `诉求人来电催办 ${order.followUps} 次 · the caller followed up `
      + `${order.followUps}×` : null }, order.followUps ? String(order.followUps) : '—'));
  }

  // ------------------------------------------------ access audit

  const accessForm = $('#access-form');
  const accessMessage = $('#access-message');

  /**
   * The form's filter as routing's audit takes it: the tracking number's digits as read out (spaces, dashes), the
   * days as moments in the district (from the start of the first to the start of the day after the last, included).
   */
  function accessFilter() {
    const data = new FormData(accessForm);
    const text = (name) => String(data.get(name) || '').trim();
    const from = text('from');
    const to = text('to');
    return {
      trackingNumber: trackingDigits(text('trackingNumber')), actor: text('actor'),
      from: from ? `${from}T00:00:00+08:00` : '', to: to ? `${addDays(to, 1)}T00:00:00+08:00` : '',
    };
  }

  accessForm.addEventListener('submit', (event) => {
    event.preventDefault();
    supervision.access.filter = accessFilter();
    supervision.access.pager.first();
    loadAccessAudit({ asked: true });
  });

  wirePager('access', supervision.access.pager, () => loadAccessAudit());

  /** Routing's access audit, newest first, a page at a time from where the page before ended. */
  async function loadAccessAudit({ asked = false } = {}) {
    const state = supervision.access;
    await loadPositioned(state, () => api('GET', `${API}/personal-data-access${query({
      ...state.filter, after: state.pager.after(), size: ACCESS_PAGE,
    })}`), (records, total) => {
      clearFieldErrors(accessForm);
      showMessage(accessMessage, '');
      renderAccessAudit(records, total);
    }, (error) => {
      if (asked) showFailure(accessForm, accessMessage, error);
      else showMessage(accessMessage, problemText(error, '无法加载明文查看记录。'));
    });
  }

  function renderAccessAudit(records, total) {
    const { pager } = supervision.access;
    fill($('#access-body'), records.length ? records.map(accessRow)
      : h('tr', { class: 'empty' }, h('td', { colspan: 6 }, bi('没有符合条件的记录', 'No record matches'))));
    showPager('access', pager, total, 'records');
  }

  function accessRow(record) {
    const roles = (record.roles || []).map((role) => (ROLE_NAMES[role] ? ROLE_NAMES[role][0] : role)).join('、');
    const fields = (record.fields || []).map((field) => (CLEAR_FIELDS[field] ? CLEAR_FIELDS[field][0] : field));
    return h('tr', null,
      h('td', null, formatTime(record.at, districtDateTime)),
      h('td', { title: record.clientId ? `client ${record.clientId}` : null },
        h('div', null, record.actor || '—'),
        h('div', { class: 'muted' }, [roles, record.department ? nameOf('departments', record.department) : '']
          .filter(Boolean).join(' · '))),
      h('td', null, h('button', {
        type: 'button', class: 'link mono', title: '查看详情 Open details', onclick: () => openDetail(record.orderId),
      }, record.trackingNumber || record.orderId)),
      h('td', null, fields.join('、') || '—'),
      h('td', null, record.reason || '—'),
      h('td', { class: 'correlation mono' }, record.correlationId || '—'));
  }

  // ---------------------------------------------------------------- 运维 Operations

  const operations = {
    loadedAt: 0,
    // routing's deliveries, paged by position as the other lists: deliveries made meanwhile don't shift the pages
    deliveries: { pager: positionPager(), sequence: 0 },
    deadLettersSequence: 0,
    parked: 0, // every parked delivery, as the unfiltered list last counted them
    deadLettersPending: 0,
  };
  const deliveriesForm = $('#deliveries-form');
  const deliveriesMessage = $('#deliveries-message');
  const deadLettersMessage = $('#dead-letters-message');

  /**
   * An event's type (cn.onenet.request.dispatched.v1) as people read it: 派单 Dispatched; a reference snapshot as
   * 基础数据发布; any other as it is.
   */
  function eventLabel(type) {
    if (type === 'cn.onenet.reference.published.v1') return bi('基础数据发布', 'Reference data published');
    const match = /^cn\.onenet\.request\.([a-z-]+)\.v\d+$/.exec(type || '');
    const name = match && match[1].replace(/-/g, '_').toUpperCase();
    const entry = name && (TIMELINE[name] || EVENT_NAMES[name]);
    return entry ? bi(entry[0], entry[1]) : [type || '—'];
  }

  /** Where routing delivers: a department's or a channel's system, by name. */
  function targetName(target) {
    return actorText(target || '—');
  }

  /** What the tab shows, each card on its own: one that fails says so and leaves the other be. */
  async function loadOperations() {
    operations.loadedAt = Date.now();
    await Promise.all([loadTargets(), loadDeliveries(), loadDeadLetters(), loadClients()]);
  }

  $('#operations-refresh').addEventListener('click', () => loadOperations());

  /** The webhook endpoints registered: listed, and the targets to filter the deliveries by, keeping the one chosen. */
  async function loadTargets() {
    const select = $('#deliveries-target');
    try {
      const endpoints = asList(await api('GET', `${API}/webhooks`));
      renderEndpoints(endpoints);
      const chosen = select.value;
      fill(select, h('option', { value: '' }, '全部 · all'), ...endpoints.map((endpoint) => h('option', {
        value: endpoint.target,
      }, `${targetName(endpoint.target)} · ${endpoint.target}${endpoint.enabled === false ? '（已停用 disabled）' : ''}`)));
      if (endpoints.some((endpoint) => endpoint.target === chosen)) select.value = chosen;
    } catch (error) {
      showMessage(deliveriesMessage, problemText(error, '无法加载推送接收方。'), null, 'refresh');
    }
    $('#deliveries-retry-target').disabled = !select.value;
  }

  deliveriesForm.addEventListener('change', () => {
    $('#deliveries-retry-target').disabled = !$('#deliveries-target').value;
    operations.deliveries.pager.first();
    loadDeliveries();
  });
  deliveriesForm.addEventListener('submit', (event) => event.preventDefault());

  wirePager('deliveries', operations.deliveries.pager, () => loadDeliveries());

  // ------------------------------------------------ webhook endpoints

  const endpointForm = $('#endpoint-form');
  const endpointsMessage = $('#endpoints-message');
  let endpointsShown = [];

  /** Every department's and channel's system as a target to register, by name. */
  function fillEndpointTargets() {
    const targets = [
      ...reference.departments.map((d) => ({ code: `department:${d.code}`, name: d.name })),
      ...reference.channels.map((c) => ({ code: `channel:${c.code}`, name: c.name })),
    ];
    fillSelect($('#endpoint-target'), targets, '请选择 Choose…', (target) => `${target.name} · ${target.code}`);
  }

  function renderEndpoints(endpoints) {
    endpointsShown = endpoints;
    fill($('#endpoints-body'), endpoints.length ? endpoints.map(endpointRow)
      : h('tr', { class: 'empty' }, h('td', { colspan: 5 }, bi('尚未登记推送接口', 'No webhook is registered'))));
  }

  function endpointRow(endpoint) {
    const edit = h('button', { type: 'button', class: 'ghost small' }, '修改 ', h('span', { class: 'en' }, 'Change'));
    edit.addEventListener('click', () => editEndpoint(endpoint));
    const toggle = h('button', { type: 'button', class: 'secondary small' }, endpoint.enabled
      ? ['停用 ', h('span', { class: 'en' }, 'Disable')] : ['启用 ', h('span', { class: 'en' }, 'Enable')]);
    toggle.addEventListener('click', () => saveEndpoint(endpoint.target,
      { url: endpoint.url, enabled: !endpoint.enabled }, toggle));
    return h('tr', null,
      h('td', { title: endpoint.target }, targetName(endpoint.target)),
      h('td', { class: 'url mono' }, endpoint.url),
      h('td', null, endpoint.enabled ? bi('启用', 'enabled') : h('span', { class: 'overdue' }, bi('已停用', 'disabled'))),
      h('td', null, formatTime(endpoint.updatedAt)),
      h('td', null, h('div', { class: 'button-row' }, edit, toggle)));
  }

  /** Fills the form with an endpoint to change: its target and address; its secret is kept unless a new one is given. */
  function editEndpoint(endpoint) {
    clearFieldErrors(endpointForm);
    $('#endpoint-target').value = endpoint.target;
    $('#endpoint-url').value = endpoint.url;
    $('#endpoint-secret').value = '';
    $('#endpoint-enabled').checked = endpoint.enabled;
    $('#endpoint-url').focus();
  }

  endpointForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(endpointForm);
    const target = String(data.get('target') || '');
    if (!target) {
      markFieldErrors(endpointForm, [{ field: 'target', message: '请选择接收方。Choose a target.' }]);
      return;
    }
    const secret = String(data.get('secret') || '');
    saveEndpoint(target, { url: String(data.get('url') || '').trim(), secret: secret || undefined,
      enabled: $('#endpoint-enabled').checked }, $('#endpoint-save'), endpointForm);
  });

  /**
   * Registers or changes a target's endpoint (PUT: a change without a secret keeps the one it has), says so and
   * reads the endpoints again; a refused field is marked on the form.
   */
  async function saveEndpoint(target, body, button, form = null) {
    button.disabled = true;
    if (form) clearFieldErrors(form);
    try {
      await api('PUT', `${API}/webhooks/${encodeURIComponent(target)}`, body);
      const known = endpointsShown.some((endpoint) => endpoint.target === target);
      showMessage(endpointsMessage, `${targetName(target)}：${known ? '已更新' : '已登记'}${body.enabled ? '' : '（停用）'}。`
        + ` ${known ? 'Changed' : 'Registered'}${body.enabled ? '' : ', disabled'}.`, 'ok');
      if (form) {
        form.reset();
        $('#endpoint-enabled').checked = true;
      }
      await loadTargets();
    } catch (error) {
      if (form) showFailure(form, endpointsMessage, error);
      else showMessage(endpointsMessage, problemText(error, '保存失败。'));
    } finally {
      button.disabled = false;
    }
  }

  // ------------------------------------------------ client systems (the identity provider's machine clients)

  const clientForm = $('#client-form');
  const clientsMessage = $('#clients-message');
  const CLIENT_KINDS = { DEPARTMENT_SYSTEM: ['承办单位系统', 'department system'], CHANNEL_SYSTEM: ['渠道系统',
    'channel system'] };

  /**
   * A button for a step that can't be taken back: the first click asks again on the button itself ("确认…"), a
   * second within 5 s takes it; otherwise it goes back to what it said.
   */
  function confirmingButton(className, label, confirmLabel, action) {
    const button = h('button', { type: 'button', class: className }, ...label);
    let armed = null;
    button.addEventListener('click', () => {
      if (!armed) {
        fill(button, ...confirmLabel);
        armed = setTimeout(() => {
          armed = null;
          fill(button, ...label);
        }, 5000);
        return;
      }
      clearTimeout(armed);
      armed = null;
      fill(button, ...label);
      action(button);
    });
    return button;
  }

  async function loadClients() {
    try {
      const clients = asList(await api('GET', `${API}/clients`));
      clearAfterLoad(clientsMessage, true);
      fill($('#clients-body'), clients.length ? clients.map(clientRow)
        : h('tr', { class: 'empty' }, h('td', { colspan: 5 }, bi('没有接入系统', 'No client system'))));
    } catch (error) {
      showMessage(clientsMessage, problemText(error, '无法加载接入系统。'), null, 'refresh');
    }
  }

  function clientRow(client) {
    const system = client.department ? nameOf('departments', client.department)
      : client.channel ? nameOf('channels', client.channel) : '—';
    const rotate = confirmingButton('ghost small', ['更换密钥 ', h('span', { class: 'en' }, 'Rotate secret')],
      ['确认更换？旧密钥立即失效 ', h('span', { class: 'en' }, 'Confirm')], (button) => rotateSecret(client, button));
    const disable = client.enabled ? confirmingButton('secondary small', ['停用 ', h('span', { class: 'en' }, 'Disable')],
      ['确认停用？ ', h('span', { class: 'en' }, 'Confirm')], (button) => disableClient(client, button)) : null;
    return h('tr', null,
      h('td', { class: 'mono' }, client.clientId),
      h('td', null, h('div', null, system), h('div', { class: 'muted' }, label(CLIENT_KINDS, client.kind))),
      h('td', null, client.source === 'demo' ? bi('演示', 'demo')
        : [client.createdBy || '—', ' · ', formatTime(client.createdAt)]),
      h('td', null, client.enabled ? bi('启用', 'enabled') : h('span', { class: 'overdue' }, bi('已停用', 'disabled'))),
      h('td', null, h('div', { class: 'button-row' }, rotate, disable)));
  }

  /** Shows a secret just issued, once: it is nowhere else, and gone from the page once hidden. */
  function showIssued(issued) {
    $('#client-issued-id').textContent = issued.clientId;
    $('#client-issued-secret').textContent = issued.clientSecret;
    $('#client-issued').hidden = false;
  }

  $('#client-issued-done').addEventListener('click', () => {
    $('#client-issued-id').textContent = '';
    $('#client-issued-secret').textContent = '';
    $('#client-issued').hidden = true;
  });

  function updateClientKind() {
    const channel = $('#client-kind').value === 'CHANNEL_SYSTEM';
    $('#client-channel-field').hidden = !channel;
    $('#client-department-field').hidden = channel;
  }
  $('#client-kind').addEventListener('change', updateClientKind);

  clientForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const kind = $('#client-kind').value;
    const body = kind === 'CHANNEL_SYSTEM' ? { kind, channel: $('#client-channel').value || undefined }
      : { kind, department: $('#client-department').value || undefined };
    const button = $('#client-register');
    button.disabled = true;
    clearFieldErrors(clientForm);
    try {
      const issued = await api('POST', `${API}/clients`, body);
      showIssued(issued);
      showMessage(clientsMessage, `已登记 ${issued.clientId}。Registered.`, 'ok');
      await loadClients();
    } catch (error) {
      showFailure(clientForm, clientsMessage, error);
    } finally {
      button.disabled = false;
    }
  });

  /**
   * A change to a client system from its row: `change` makes it and answers what to say; then the list is read again.
   * A refusal is said (`fallback` when it says nothing) and the button can be used again.
   */
  async function changeClient(button, change, fallback) {
    button.disabled = true;
    try {
      showMessage(clientsMessage, await change(), 'ok');
      await loadClients();
    } catch (error) {
      button.disabled = false;
      showMessage(clientsMessage, problemText(error, fallback));
    }
  }

  function rotateSecret(client, button) {
    return changeClient(button, async () => {
      showIssued(await api('POST', `${API}/clients/${encodeURIComponent(client.clientId)}/secret`));
      return `${client.clientId}：已更换密钥，旧密钥已失效${client.enabled ? '' : '，已重新启用'}。`
        + ` Secret rotated; the old one is refused${client.enabled ? '' : '; enabled again'}.`;
    }, '更换密钥失败。');
  }

  function disableClient(client, button) {
    return changeClient(button, async () => {
      await api('DELETE', `${API}/clients/${encodeURIComponent(client.clientId)}`);
      return `${client.clientId}：已停用，不再发放新令牌（已发放的在 30 分钟内到期）。`
        + ' Disabled: no new tokens (those issued run out within 30 min).';
    }, '停用失败。');
  }


  /** Routing's deliveries in the state chosen (parked by default), newest first, a page at a time. */
  async function loadDeliveries() {
    const state = operations.deliveries;
    await loadPositioned(state, () => api('GET', `${API}/webhooks/deliveries${query({
      state: $('#deliveries-state').value, target: $('#deliveries-target').value, after: state.pager.after(),
      size: DELIVERIES_PAGE,
    })}`), (items, total) => {
      clearAfterLoad(deliveriesMessage, true); // what a load said; a retry's answer stays
      renderDeliveries(items, total);
    }, (error) => showMessage(deliveriesMessage, problemText(error, '无法加载推送投递。'), null, 'refresh'));
  }

  function renderDeliveries(items, total) {
    const { pager } = operations.deliveries;
    const parked = $('#deliveries-state').value === 'PARKED';
    const badge = $('#deliveries-count');
    badge.textContent = total > 99 ? '99+' : String(total);
    badge.hidden = !parked || total === 0;
    fill($('#deliveries-body'), items.length ? items.map(deliveryRow)
      : h('tr', { class: 'empty' }, h('td', { colspan: 7 },
        parked ? bi('没有搁置的投递', 'No delivery is parked') : bi('没有等待重试的投递', 'No delivery waits'))));
    showPager('deliveries', pager, total, 'deliveries');
    if (parked && !$('#deliveries-target').value) operations.parked = total;
    updateOperationsCount();
  }

  function deliveryRow(delivery) {
    const retry = h('button', { type: 'button', class: 'secondary small' }, '重新投递 ', h('span', { class: 'en' },
      'Retry'));
    retry.addEventListener('click', () => retryDelivery(delivery, retry));
    return h('tr', null,
      h('td', null, formatTime(delivery.createdAt)),
      h('td', { title: delivery.target }, targetName(delivery.target)),
      h('td', { title: `${delivery.type} · ${delivery.eventId}` }, h('div', null, eventLabel(delivery.type)),
        h('div', { class: 'muted mono', title: delivery.orderId }, `工单 ${String(delivery.orderId).slice(0, 8)} · #${
          delivery.sequence}`)),
      h('td', { class: 'num' }, String(delivery.attempts ?? 0)),
      h('td', { class: 'error-text' }, delivery.lastError || '—'),
      h('td', null, delivery.state === 'PARKED' ? bi('已搁置', 'parked') : formatTime(delivery.nextAttemptAt)),
      h('td', null, retry));
  }

  /** Re-queues a parked delivery (or has a waiting one tried now), then reads the list again. */
  async function retryDelivery(delivery, button) {
    button.disabled = true;
    try {
      await api('POST', `${API}/webhooks/deliveries/${encodeURIComponent(delivery.id)}/retry`);
      showMessage(deliveriesMessage, `已重新排队，将按顺序投递给${targetName(delivery.target)}。`
        + ' Queued again; it goes out in its order.', 'ok');
      await loadDeliveries();
    } catch (error) {
      button.disabled = false;
      showMessage(deliveriesMessage, problemText(error, '重新投递失败。'));
    }
  }

  $('#deliveries-retry-target').addEventListener('click', async () => {
    const target = $('#deliveries-target').value;
    const button = $('#deliveries-retry-target');
    if (!target) return;
    button.disabled = true;
    try {
      const answer = await api('POST', `${API}/webhooks/deliveries/retry${query({ target })}`);
      const requeued = Number(answer && answer.requeued) || 0;
      const hurried = Number(answer && answer.hurried) || 0;
      showMessage(deliveriesMessage, `${targetName(target)}：重新排队 ${requeued} 条已搁置的投递，提前 ${hurried} 条等待中的。`
        + ` ${requeued} parked queued again, ${hurried} waiting tried now.`, 'ok');
      operations.deliveries.pager.first();
      await loadDeliveries();
    } catch (error) {
      showMessage(deliveriesMessage, problemText(error, '重新投递失败。'));
    } finally {
      button.disabled = !$('#deliveries-target').value;
    }
  });

  /**
   * Each service's dead letters waiting for a replay, per topic it consumes, oldest first; a service that does not
   * answer is named in the message, the other's are still shown.
   */
  async function loadDeadLetters() {
    const sequence = ++operations.deadLettersSequence;
    const answers = await Promise.allSettled(DEAD_LETTER_SERVICES.map((service) => api('GET',
      `${API}${service.path}${query({ pendingOnly: true, limit: DEAD_LETTERS_LIMIT })}`)));
    if (sequence !== operations.deadLettersSequence) return;
    const failures = answers.map((answer, index) => (answer.status === 'rejected'
      ? `${DEAD_LETTER_SERVICES[index].name.join(' ')}：${problemText(answer.reason, '无法加载死信。')}`
      : null)).filter(Boolean);
    if (failures.length) showMessage(deadLettersMessage, failures.join('\n'), null, 'refresh');
    else clearAfterLoad(deadLettersMessage, true); // what a load said; a replay's answer stays
    renderDeadLetters(answers.flatMap((answer, index) => (answer.status === 'fulfilled'
      ? ((answer.value && answer.value.topics) || [])
        .map((topic) => ({ ...topic, service: DEAD_LETTER_SERVICES[index] }))
      : [])));
  }

  function renderDeadLetters(topics) {
    const pending = topics.reduce((sum, topic) => sum + (Number(topic.pending) || 0), 0);
    const badge = $('#dead-letters-count');
    badge.textContent = pending > 99 ? '99+' : String(pending);
    badge.hidden = pending === 0;
    operations.deadLettersPending = pending;
    fill($('#dead-letters-topics'), topics.map(deadLetterTopic));
    updateOperationsCount();
  }

  function deadLetterTopic(topic) {
    const name = TOPIC_NAMES[topic.topic];
    const replayAll = h('button', { type: 'button', class: 'secondary', disabled: !topic.pending }, '全部重放 ',
      h('span', { class: 'en' }, 'Replay all'));
    replayAll.addEventListener('click', () => replay(topic.service, { topic: topic.topic }, replayAll));
    const letters = topic.deadLetters || [];
    const superseded = Number(topic.superseded) || 0;
    return h('section', { class: 'dead-letter-topic' },
      h('div', { class: 'card-head' },
        h('h3', { title: `${topic.topic} → ${topic.deadLetterTopic}` },
          h('span', { class: 'muted' }, `${topic.service.name[0]} · `),
          name ? bi(name[0], name[1]) : topic.topic,
          h('span', { class: 'muted' }, ` 待重放 ${topic.pending} / 共 ${topic.parked} · ${topic.pending} waiting of ${
            topic.parked}`),
          superseded ? h('span', { class: 'muted', title: '已有同一键的更新记录被读取，重放会以旧换新，'
            + '故不重放。 A newer record of the same key was read since; replaying would put the older one back.' },
          ` · 已被更新的记录取代 ${superseded} · ${superseded} superseded`) : null),
        replayAll),
      letters.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'orders' },
        h('thead', null, h('tr', null,
          h('th', null, bi('搁置时间', 'Parked')), h('th', null, bi('事件', 'Event')), h('th', null, bi('原因', 'Cause')),
          h('th', null, bi('位置', 'Position')), h('th', null, h('span', { class: 'visually-hidden' }, '操作 Actions')))),
        h('tbody', null, letters.map((letter) => deadLetterRow(topic, letter)))))
        : h('p', { class: 'muted' }, bi('没有待重放的死信', 'No dead letter waits')),
      topic.truncated ? h('p', { class: 'hint' }, `仅列出最早的 ${letters.length} 条；全部重放会处理全部。`
        + ` The oldest ${letters.length} are listed; Replay all takes them all.`) : null);
  }

  function deadLetterRow(topic, letter) {
    const button = h('button', { type: 'button', class: 'secondary small' }, '重放 ', h('span', { class: 'en' },
      'Replay'));
    button.addEventListener('click', () => replay(topic.service, {
      topic: topic.topic, partition: letter.partition, offset: letter.offset,
    }, button));
    return h('tr', null,
      h('td', null, formatTime(letter.parkedAt)),
      h('td', { title: letter.eventId || '' }, h('div', null, eventLabel(letter.eventType)),
        h('div', { class: 'muted mono' }, letter.key || '')),
      h('td', { class: 'error-text', title: `${letter.exception || ''}: ${letter.message || ''}` }, failureText(letter)),
      h('td', { class: 'mono' }, `${letter.partition}/${letter.offset}`),
      h('td', null, button));
  }

  /**
   * Why a record was set aside, shortly: the root cause's class and the failure's own words, without the listener's
   * wrapping ("Listener method '…' threw exception; Record has no ce_type header" → "EventDecodingException: Record
   * has no ce_type header"); the whole in the tooltip.
   */
  function failureText(letter) {
    const className = String(letter.cause || letter.exception || '').split('.').pop();
    const message = String(letter.message || '').replace(/^Listener method '[^']*' threw exception; /, '');
    return `${className}${className && message ? ': ' : ''}${message}` || '—';
  }

  /**
   * Replays one dead letter of a service or every one of a topic waiting, then reads the dead letters again. Dead
   * letters a newer record of their key has superseded are left (the service says how many).
   */
  async function replay(service, body, button) {
    button.disabled = true;
    try {
      const outcome = await api('POST', `${API}${service.path}/replay`, body);
      const replayed = asList(outcome && outcome.replayed).length;
      const already = Number(outcome && outcome.alreadyReplayed) || 0;
      const superseded = Number(outcome && outcome.superseded) || 0;
      showMessage(deadLettersMessage, `已重放 ${replayed} 条${already ? `，${already} 条此前已重放` : ''}${
        superseded ? `，${superseded} 条已被更新的记录取代、未重放` : ''}。 Replayed ${replayed}${
        already ? `, ${already} replayed before` : ''}${superseded ? `, ${superseded} superseded and left` : ''}.`,
      'ok');
      await loadDeadLetters();
    } catch (error) {
      button.disabled = false;
      showMessage(deadLettersMessage, problemText(error, '重放失败。'));
    }
  }

  /** The tab's badge: parked deliveries and dead letters waiting, what an administrator should look at. */
  function updateOperationsCount() {
    const waiting = operations.parked + operations.deadLettersPending;
    const badge = $('#operations-count');
    badge.textContent = waiting > 99 ? '99+' : String(waiting);
    badge.hidden = waiting === 0;
  }

  // ---------------------------------------------------------------- detail

  const dialog = $('#detail-dialog');
  const detailMessage = $('#detail-message');
  let detailOrderId = null;
  let detailVersion = null; // the version of the order as shown: a decision is sent for it (If-Match)
  let detailLoad = 0;

  $('#detail-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    detailOrderId = null;
    detailVersion = null;
  });

  async function openDetail(id, { order, waitForIt } = {}) {
    detailOrderId = id;
    const load = ++detailLoad;
    showMessage(detailMessage, '');
    $('#detail-title').textContent = order ? order.title : '加载中… Loading…';
    fill($('#detail-sub'));
    fill($('#detail-body'));
    if (!dialog.open) dialog.showModal();
    if (order) {
      renderDetail(order);
      return;
    }
    // an order accepted moments ago may not be readable yet: poll for a while
    const attempts = waitForIt ? 15 : 1;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        const found = await api('GET', `${API}/requests/${encodeURIComponent(id)}`);
        if (load === detailLoad) renderDetail(found);
        return;
      } catch (error) {
        if (load !== detailLoad || !dialog.open) return;
        if (error.status === 404 && attempt < attempts) {
          showMessage(detailMessage, '工单正在生成，请稍候… The order is being created…', 'warn');
          await new Promise((resolve) => { setTimeout(resolve, 1000); });
        } else {
          $('#detail-title').textContent = '无法显示工单 Order unavailable';
          showMessage(detailMessage, error.status === 404 ? '未找到该工单。No such order.' : problemText(error));
          return;
        }
      }
    }
  }

  function renderDetail(order) {
    showMessage(detailMessage, '');
    detailVersion = typeof order.version === 'number' ? order.version : null;
    fill($('#detail-title'), urgencyFlag(order.urgency), order.title || '—');
    fill($('#detail-sub'),
      statusPill(order.status),
      h('span', { class: 'mono' }, `跟踪号 ${order.trackingNumber || '—'}`),
      h('span', null, '受理于 ', formatTime(order.acceptedAt)),
      order.emergency || order.urgency === 'EMERGENCY' ? h('span', { class: 'overdue' }, bi('紧急事件，优先处置', 'Emergency: act first')) : null,
      order.supervision && ESCALATION[order.supervision.escalation]
        ? h('span', { class: 'overdue' }, bi(ESCALATION[order.supervision.escalation][0], ESCALATION[order.supervision.escalation][1]))
        : null);

    const deadlines = order.deadlines || {};
    const deadline = (zh, en, at, late) => h('div', { class: late ? 'deadline late' : 'deadline' },
      h('div', { class: 'k' }, bi(zh, en)),
      h('div', { class: 'v' }, formatTime(at), late ? ' · 已超时 overdue' : null));
    // the deadline the order is late on, as routing counts it (the one its overdue lists and statistics use)
    const ackLate = isLate(order) && deadlines.lateFrom === deadlines.acknowledgeBy;
    const resolveLate = isLate(order) && deadlines.lateFrom === deadlines.resolveBy;

    const location = order.location || {};
    const requester = order.requester || {};
    const facts = h('dl', { class: 'facts' },
      h('dt', null, bi('渠道', 'Channel')), h('dd', null, nameOf('channels', order.channel), order.externalId ? ` · ${order.externalId}` : ''),
      h('dt', null, bi('类别', 'Category')), h('dd', null, nameOf('catalogue', order.category)),
      h('dt', null, bi('紧急程度', 'Urgency')), h('dd', null, label(URGENCY, order.urgency)),
      h('dt', null, bi('社区', 'Community')), h('dd', null, nameOf('communities', location.community)),
      location.grid
        ? [h('dt', null, bi('网格', 'Grid')), h('dd', null, gridName(location.community, location.grid))] : null,
      h('dt', null, bi('地址', 'Address')), h('dd', null, location.address || '—'),
      h('dt', null, bi('诉求人', 'Requester')), h('dd', { id: 'detail-requester' },
        [requester.name, requester.phone, requester.idNumber].filter(Boolean).join(' · ') || '—',
        mayReadInClear(order) ? clearReadForm(order) : null),
      h('dt', null, bi('承办单位', 'Department')), h('dd', null, nameOf('departments', order.department),
        order.finalRuling ? ' · 终审 final ruling' : ''),
      (order.coDepartments || []).length ? [h('dt', null, bi('协办单位', 'Assisting')),
        h('dd', null, order.coDepartments.map((code) => nameOf('departments', code)).join('、'))] : null,
      (order.returnedBy || []).length ? [h('dt', null, bi('曾退单', 'Returned by')),
        h('dd', null, order.returnedBy.map((code) => nameOf('departments', code)).join('、'))] : null,
      (order.duplicateCandidates || []).length ? [h('dt', null, bi('疑似重复', 'Likely duplicates')),
        h('dd', null, order.duplicateCandidates.map((candidate) => h('div', null,
          h('a', { href: '#', class: 'mono', onclick: (event) => { event.preventDefault(); openDetail(candidate.id); } },
            candidate.trackingNumber || candidate.id),
          ` · 相似度 ${Math.round(candidate.score * 100)}%`)))] : null,
      order.followUps ? [h('dt', null, bi('来电催办', 'Caller follow-ups')),
        h('dd', null, `${order.followUps} 次 · ${order.followUps} time${order.followUps === 1 ? '' : 's'}`)] : null,
      order.satisfaction ? [h('dt', null, bi('满意度', 'Satisfaction')), h('dd', null, label(SATISFACTION, order.satisfaction))] : null,
      order.mergedInto ? [h('dt', null, bi('并入', 'Merged into')), h('dd', null,
        h('a', { href: '#', onclick: (event) => { event.preventDefault(); openDetail(order.mergedInto); } }, order.mergedInto))] : null,
      h('dt', null, bi('工单编号', 'Id')), h('dd', { class: 'mono' }, order.id));

    const timeline = h('ol', { class: 'timeline' },
      (order.timeline || []).map((entry) => h('li', null,
        h('div', { class: 't-head' }, label(TIMELINE, entry.type)),
        h('div', { class: 't-meta' }, formatTime(entry.at),
          entry.actor ? h('span', { title: entry.actor }, ` · ${actorText(entry.actor)}`) : '',
          entry.department && entry.actor !== `department:${entry.department}`
            ? ` · ${nameOf('departments', entry.department)}` : ''),
        entry.note ? h('div', { class: 't-note' }, noteText(entry.type, entry.note)) : null)));

    fill($('#detail-body'),
      h('div', null,
        h('div', { class: 'section-title' }, bi('诉求描述', 'Description')),
        h('p', { class: 'description' }, order.description || '—'),
        h('div', { class: 'section-title' }, bi('办理时限', 'Deadlines')),
        h('div', { class: 'deadlines' },
          deadline('签收时限', 'Acknowledge by', deadlines.acknowledgeBy, ackLate),
          deadline('办结时限', 'Resolve by', deadlines.resolveBy, resolveLate)),
        h('div', { class: 'section-title' }, bi('办理过程', 'Timeline')),
        timeline),
      h('div', null,
        h('div', { class: 'section-title' }, bi('工单信息', 'Facts')),
        facts,
        h('div', { class: 'section-title' }, bi('操作', 'Actions')),
        actions(order)));
  }

  // ---------------------------------------------------------------- actions

  function field(name, zh, en, control, required) {
    return h('label', { class: 'field', dataset: { field: name } },
      h('span', { class: 'label' }, bi(zh, en), required ? h('b', { class: 'req' }, ' *') : null),
      control,
      h('span', { class: 'error' }));
  }

  /** A small form posting to one of the order's endpoints; shows the outcome in the dialog. */
  // ---------------------------------------------------------------- personal data in clear

  /** The operator who took the call, or a department system the order is dispatched to (routing decides). */
  function mayReadInClear(order) {
    const session = currentSession();
    if (!session || !order.requester) return false;
    const claims = tokenClaims(session.accessToken);
    const roles = claims.roles || [];
    const receivedBy = ((order.timeline || [])[0] || {}).actor;
    return (roles.includes('OPERATOR') && receivedBy === `operator:${claims.sub}`)
      || (roles.includes('DEPARTMENT_SYSTEM') && claims.department === order.department);
  }

  /** Asks why, shows the requester in clear; every such read is written to the access audit. */
  function clearReadForm(order) {
    const reason = h('input', { name: 'reason', maxlength: 500, required: true, placeholder: '原因，如：回访核实 · why, e.g. callback' });
    const form = h('form', { class: 'clear-read', novalidate: true },
      reason, h('button', { type: 'submit', class: 'secondary' }, bi('查看明文', 'Show in clear')));
    // a read without a reason is refused (routing's 400 names it): said beside the order and the field marked, where a
    // toast had gone within seconds
    const needReason = () => {
      reason.setAttribute('aria-invalid', 'true');
      reason.focus();
      showMessage(detailMessage, '请填写查看明文的原因，将记入访问审计。Give a reason: it goes to the access audit.');
    };
    reason.addEventListener('input', () => reason.removeAttribute('aria-invalid'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!trimmed(reason.value)) {
        needReason();
        return;
      }
      showMessage(detailMessage, '');
      try {
        const clear = await api('POST', `${API}/requests/${encodeURIComponent(order.id)}/personal-data`,
          { reason: trimmed(reason.value) });
        const shown = $('#detail-requester');
        fill(shown, [clear.name, clear.phone, clear.idNumber].filter(Boolean).join(' · '),
          clear.title ? h('div', null, bi('标题原文', 'Title as submitted'), ': ', clear.title) : null,
          clear.description ? h('div', null, bi('描述原文', 'Description as submitted'), ': ', clear.description) : null,
          h('div', { class: 'hint' }, bi('已记入访问审计', 'recorded in the access audit')));
      } catch (error) {
        if (error instanceof ApiError && error.fieldErrors.length) needReason();
        else showMessage(detailMessage, problemText(error));
      }
    });
    return form;
  }

  function actionForm(title, path, build, done, ...content) {
    const form = h('form', { class: 'action-group', novalidate: true }, h('h4', null, title), content);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const submitter = event.submitter || $('button[type="submit"]', form);
      clearFieldErrors(form);
      let body;
      try {
        body = await build(new FormData(form), submitter, form);
      } catch (error) { // a lookup the form needed failed (the merge's tracking number)
        showFailure(form, detailMessage, error);
        return;
      }
      if (!body) return;
      $$('button', form).forEach((b) => { b.disabled = true; });
      const id = detailOrderId;
      try {
        const order = await api('POST', `${API}/requests/${encodeURIComponent(id)}/${path}`, body, {
          ...(detailVersion === null ? {} : { 'If-Match': `"${detailVersion}"` }),
          'Idempotency-Key': decisionKey(path, id, detailVersion, body),
        });
        toast(done(body));
        renderDetail(order);
        refreshActive();
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
          // someone else changed the order since it was opened: show it as it is now, and decide again on that
          await openDetail(id);
          refreshActive();
          showMessage(detailMessage, '该工单在您打开后已被他人更改，现已刷新，请按最新内容重新操作；您的操作未执行。'
            + '\nThe order changed since you opened it; it is shown as it is now. Nothing was done: decide again.',
            'warn');
        } else {
          showFailure(form, detailMessage, error);
        }
        detailMessage.scrollIntoView({ block: 'nearest' });
      } finally {
        $$('button', form).forEach((b) => { b.disabled = false; });
      }
    });
    return form;
  }

  /**
   * The Idempotency-Key of a decision: the same for the same decision on the same state of the order, so that a
   * click again after a lost answer is answered with the order as it stands instead of "changed since you opened
   * it" (routing took it once); another decision, or one on another state, is another key.
   */
  function decisionKey(action, id, state, body) {
    let hash = 0x811c9dc5; // FNV-1a, 32 bits
    for (const c of `${id}|${state}|${JSON.stringify(body)}`) {
      hash ^= c.codePointAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return `${action}-${hash.toString(16)}`;
  }

  function text(data, name) {
    return trimmed(data.get(name));
  }

  /**
   * The id of the order to merge into, as a dispatcher names it: the tracking number every list shows (17 digits,
   * read out with spaces or dashes) is looked up; anything else goes to routing as the id it must be. Null, with the
   * field marked, when no order has that tracking number.
   */
  async function mergeTarget(value, form) {
    const digits = trackingDigits(value);
    if (!/^[0-9０-９]{17}$/.test(digits)) return value;
    const order = await orderByTrackingNumber(digits);
    if (order) return order.id;
    markFieldErrors(form, [{ field: 'into', message: noOrderWith(digits) }]);
    return null;
  }

  /** Whether the signed-in user's roles allow an action (the gateway decides; this only hides what it would refuse). */
  function mayAct(...roles) {
    const session = currentSession();
    if (!session) return true;
    const granted = tokenClaims(session.accessToken).roles || [];
    return roles.some((role) => granted.includes(role));
  }

  function actions(order) {
    const groups = [];
    const status = order.status;

    const eventTypes = Object.keys(OFFER.events).filter((type) => OFFER.events[type].includes(status));
    if (eventTypes.length && order.department && mayAct('DEPARTMENT_SYSTEM')) {
      const typeSelect = h('select', { name: 'type', value: eventTypes[0] },
        eventTypes.map((type) => h('option', { value: type }, `${DEPARTMENT_EVENTS[type][0]} · ${DEPARTMENT_EVENTS[type][1]}`)));
      const noteField = field('note', '办理说明', 'Note', h('textarea', { name: 'note', rows: 2, maxlength: 1000 }));
      const reasonField = field('reason', '原因', 'Reason', h('input', { name: 'reason', maxlength: 1000 }), true);
      const untilField = field('until', '延期至', 'Until', h('input', { name: 'until', type: 'datetime-local' }), true);
      const adapt = () => {
        const type = typeSelect.value;
        reasonField.hidden = !['RETURNED', 'EXTENSION_REQUESTED'].includes(type);
        untilField.hidden = type !== 'EXTENSION_REQUESTED';
        $('.req', noteField)?.remove();
        if (type === 'RESOLVED') $('.label', noteField).append(h('b', { class: 'req' }, ' *'));
      };
      typeSelect.addEventListener('change', adapt);
      groups.push(actionForm(bi('承办单位反馈', 'Department report'), 'events',
        (data) => {
          const type = data.get('type');
          const until = data.get('until');
          return {
            type,
            department: order.department,
            note: text(data, 'note'),
            reason: ['RETURNED', 'EXTENSION_REQUESTED'].includes(type) ? text(data, 'reason') : undefined,
            until: type === 'EXTENSION_REQUESTED' && until ? new Date(until).toISOString() : undefined,
          };
        },
        (body) => `${DEPARTMENT_EVENTS[body.type][0]}成功 · ${DEPARTMENT_EVENTS[body.type][1]} recorded`,
        h('p', { class: 'muted' }, '以 ', nameOf('departments', order.department), ' 的身份 · acting as the assigned department'),
        field('type', '事项', 'Event', typeSelect, true),
        noteField, reasonField, untilField,
        h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, bi('提交', 'Submit')))));
      adapt();
    }

    if (OFFER.feedback.includes(status) && mayAct('OPERATOR')) {
      groups.push(actionForm(bi('回访', 'Callback'), 'feedback',
        (data) => ({ satisfaction: data.get('satisfaction'), comment: text(data, 'comment') }),
        (body) => `回访已记录：${SATISFACTION[body.satisfaction][0]} · Callback recorded`,
        field('satisfaction', '满意度', 'Satisfaction',
          h('select', { name: 'satisfaction', value: 'SATISFIED' },
            Object.keys(SATISFACTION).map((code) => h('option', { value: code }, `${SATISFACTION[code][0]} · ${SATISFACTION[code][1]}`))), true),
        field('comment', '回访记录', 'Comment', h('textarea', { name: 'comment', rows: 2, maxlength: 1000 })),
        h('p', { class: 'muted' }, '“不满意”将重新交办。Dissatisfied reopens the order.'),
        h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, bi('记录回访', 'Record')))));
    }

    if (OFFER.followUp.includes(status) && mayAct('OPERATOR')) {
      groups.push(actionForm(bi('来电催办', 'Caller follows up'), 'follow-ups',
        (data) => ({ note: text(data, 'note') }),
        () => (order.department ? `已记录催办，已告知${nameOf('departments', order.department)} · Follow-up recorded, `
          + 'the department told' : '已记录催办（工单待分拨，尚无承办单位） · Follow-up recorded on the order'),
        h('p', { class: 'muted' }, '诉求人再次来电询问此工单时记录；承办单位会收到提醒，工单状态与时限不变。'
          + ' For a requester calling again about this order: the department is told; status and deadlines stay.'),
        field('note', '来电内容', 'What the caller said', h('textarea', {
          name: 'note', rows: 2, maxlength: 1000, placeholder: '如：反映问题仍未解决，希望尽快处理' }), true),
        h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, bi('记录催办', 'Record')))));
    }

    if (OFFER.dispatch.includes(status) && mayAct('DISPATCHER')) {
      groups.push(actionForm(bi('派单', 'Dispatch'), 'dispatch',
        (data) => ({
          department: data.get('department'),
          coDepartments: data.get('coDepartment') && data.get('coDepartment') !== data.get('department') ? [data.get('coDepartment')] : [],
          note: text(data, 'note'),
          finalRuling: data.get('finalRuling') === 'on',
        }),
        (body) => `已派单至 ${nameOf('departments', body.department)} · Dispatched`,
        field('department', '主办单位', 'Lead department', departmentSelect('department', suggestedDepartment(order)), true),
        field('coDepartment', '协办单位', 'Assisting (optional)', departmentSelect('coDepartment', '')),
        field('note', '派单说明', 'Note', h('input', { name: 'note', maxlength: 1000 })),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'finalRuling' }),
          bi(' 终审派单（承办单位不得再退单）', ' Final ruling: can\'t be returned')),
        h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, bi('派单', 'Dispatch')))));
    }

    if (OFFER.transfer.includes(status) && mayAct('DISPATCHER')) {
      groups.push(actionForm(bi('改派', 'Transfer'), 'transfer',
        (data) => ({
          department: data.get('department'),
          coDepartments: data.get('coDepartment') && data.get('coDepartment') !== data.get('department') ? [data.get('coDepartment')] : [],
          reason: text(data, 'reason'),
          finalRuling: data.get('finalRuling') === 'on',
        }),
        (body) => `已改派至 ${nameOf('departments', body.department)} · Transferred`,
        h('p', { class: 'muted' }, '改派后重新计时，原承办单位不再办理。The new department gets fresh deadlines.'),
        field('department', '改派至', 'To department', departmentSelect('department', ''), true),
        field('coDepartment', '协办单位', 'Assisting (optional)', departmentSelect('coDepartment', '')),
        field('reason', '改派理由', 'Reason', h('input', { name: 'reason', maxlength: 1000, placeholder: '如：涉及物业维修，属住建部门职责' }), true),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'finalRuling' }),
          bi(' 终审派单（承办单位不得再退单）', ' Final ruling: can\'t be returned')),
        h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, bi('改派', 'Transfer')))));
    }

    if (OFFER.reject.includes(status) && mayAct('DISPATCHER')) {
      groups.push(actionForm(bi('不予受理', 'Reject'), 'reject',
        (data) => ({ code: data.get('code'), reason: text(data, 'reason') }),
        () => '已不予受理 · Rejected',
        field('code', '类别', 'Kind', h('select', { name: 'code', value: 'NOT_GOVERNMENT_MATTER' },
          Object.keys(REJECTION).map((code) => h('option', { value: code }, `${REJECTION[code][0]} · ${REJECTION[code][1]}`))), true),
        field('reason', '理由', 'Reason', h('input', { name: 'reason', maxlength: 1000, placeholder: '如：非政府职能事项、应通过诉讼途径解决' }), true),
        h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'danger' }, bi('不予受理', 'Reject')))));
    }

    const extensionUntil = order.supervision && order.supervision.extensionRequestedUntil;
    if (extensionUntil && mayAct('SUPERVISOR')) {
      groups.push(actionForm(bi('延期审批', 'Extension decision'), 'extension',
        (data, submitter) => ({ approved: submitter && submitter.value === 'approve', note: text(data, 'note') }),
        (body) => body.approved ? '已同意延期 · Extension approved' : '已不同意延期 · Extension refused',
        h('p', { class: 'muted' }, '申请延期至 ', formatTime(extensionUntil), ' · requested until'),
        field('note', '审批意见', 'Note', h('input', { name: 'note', maxlength: 1000 })),
        h('div', { class: 'button-row' },
          h('button', { type: 'submit', class: 'primary', value: 'approve' }, bi('同意', 'Approve')),
          h('button', { type: 'submit', class: 'danger', value: 'refuse' }, bi('不同意', 'Refuse')))));
    }

    if (OFFER.merge.includes(status) && mayAct('DISPATCHER')) {
      const mergeForm = actionForm(bi('并单', 'Merge'), 'merge',
        async (data, submitter, form) => {
          const into = await mergeTarget(text(data, 'into'), form);
          return into === null ? null : { into };
        },
        () => '已并单 · Merged',
        field('into', '并入工单（跟踪号或编号）', 'Into order: tracking number or id', h('input', {
          name: 'into', maxlength: 64, class: 'mono',
          placeholder: '重复的在办工单跟踪号或编号 tracking number or id of the open order',
          value: (order.duplicateCandidates || [])[0] ? order.duplicateCandidates[0].id : '' }), true),
        h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'danger' }, bi('并单', 'Merge'))));
      groups.push(mergeForm);
    }

    return groups.length ? groups : h('p', { class: 'none' }, bi('当前状态下您的角色无可执行操作。', 'Nothing for your role to do in this status.'));
  }

  // ---------------------------------------------------------------- refresh

  let refreshing = false;
  let refreshAgain = false;

  /** Reloads what the active tab shows; a call made while one runs is served once that one is done. */
  async function refreshActive({ auto = false } = {}) {
    if (refreshing) {
      refreshAgain = refreshAgain || !auto;
      return;
    }
    refreshing = true;
    try {
      if (!reference.loaded) {
        try {
          await loadReference();
          if (!acceptMessage.classList.contains('ok')) showMessage(acceptMessage, '');
        } catch (error) {
          showMessage(acceptMessage, problemText(error, '参考数据暂不可用。Reference data is unavailable.'));
        }
      }
      const tab = activeTab();
      if (tab === 'orders') {
        // keyboard users walking the rows keep their place
        if (!(auto && $('#orders-body').contains(document.activeElement))) await loadOrders({ auto });
      } else if (tab === 'triage') {
        await loadTriage({ auto });
      } else if (tab === 'supervision') {
        if (!auto || Date.now() - supervision.loadedAt >= SUPERVISION_REFRESH_MS) await loadSupervision();
      } else if (tab === 'operations') {
        // the dead letters are read from the broker: at most once a minute unless asked
        if (!auto || Date.now() - operations.loadedAt >= SUPERVISION_REFRESH_MS) await loadOperations();
      } else {
        await refreshTriageCount();
      }
    } finally {
      refreshing = false;
    }
    if (refreshAgain) {
      refreshAgain = false;
      refreshActive();
    }
  }

  setInterval(() => {
    if (!document.hidden) refreshActive({ auto: true });
  }, REFRESH_MS);

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) refreshActive();
  });

  // ---------------------------------------------------------------- start

  $('#sign-in').addEventListener('click', () => signIn().catch((error) => showMessage(acceptMessage, error.message)));
  $('#sign-out').addEventListener('click', () => signOut());

  async function start() {
    // the identity provider sends people back to the console's loopback address only (RFC 8252)
    if (location.hostname === 'localhost') {
      location.replace(`${location.protocol}//127.0.0.1${location.port ? `:${location.port}` : ''}${location.pathname}${location.hash}`);
      return;
    }
    takeAcceptDraft();
    try {
      await completeSignIn();
    } catch (error) {
      showMessage(acceptMessage, error.message);
    }
    showSession();
    scheduleRenewal();
    fillAcceptChannels(CHANNELS);
    restoreAcceptDraft();
    updateExternalIdRule();
    updateGridChoices();
    // a tab named in the address only if the roles may use it: nobody opens on a tab that answers 403
    showUsableTabs(location.hash.replace('#', ''));
  }

  start();
})();
