// Layoff Signals dashboard: plain JavaScript, no dependencies.
//
// Polls the query API (relative URLs, so the page also works behind a path prefix):
//   api/announcements?limit=100[&ticker=T]
//   api/reactions?from=YYYY-MM-DD&limit=1000[&ticker=T]   (from = New York date of the oldest announcement)
//   api/windows?dimension=market&period=month&limit=1000
// and joins announcements with reactions on announcement_id.
//
// Every text that comes from data is put in the DOM with textContent or as an attribute value;
// this file never uses innerHTML. Nothing is logged to the console.
'use strict';

(() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const pageParams = new URLSearchParams(window.location.search);
  /** Refresh period; ?refresh=<seconds> (1..300) overrides the default of 5 s. */
  const REFRESH_MS = boundedNumber(Number(pageParams.get('refresh')), 1, 300, 5) * 1000;
  const ANNOUNCEMENT_LIMIT = 100;
  const REACTION_LIMIT = 1000;
  const WINDOW_LIMIT = 1000; // windows come oldest first: ask for every month
  const MIN_RETRY_MS = 1000;
  const MAX_RETRY_MS = 30000;
  const TICKER_PATTERN = /^[A-Z0-9^][A-Z0-9.^=\-]{0,14}$/; // as the API's RoutingKeys.SYMBOL
  const NEW_YORK = 'America/New_York';

  const dom = {
    status: document.getElementById('status'),
    instance: document.getElementById('instance'),
    filter: document.getElementById('ticker-filter'),
    filterHint: document.getElementById('filter-hint'),
    tbody: document.querySelector('#announcements tbody'),
    count: document.getElementById('announcements-count'),
    detail: document.getElementById('detail'),
    detailBadge: document.getElementById('detail-badge'),
    market: document.getElementById('market-chart'),
    marketSummary: document.getElementById('market-summary'),
    marketBarLabel: document.getElementById('market-bar-label'),
    metricButtons: document.querySelectorAll('.segmented button[data-metric]'),
  };

  const state = {
    ticker: '',
    announcements: [],
    reactions: new Map(),
    windows: [],
    selectedId: null,
    metric: 'count',
    loaded: false,
    windowsLoaded: false,
    tableKey: null,
    detailKey: null,
    marketKey: null,
  };

  // ---------------------------------------------------------------- formatting

  const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  const dateParts = new Intl.DateTimeFormat('en-US', {
    timeZone: NEW_YORK, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  const clockFormat = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const QUALIFIERS = {
    EXACT: { prefix: '', word: 'exact figure' },
    APPROX: { prefix: '≈ ', word: 'approximately' },
    AT_LEAST: { prefix: '≥ ', word: 'at least' },
    UP_TO: { prefix: '≤ ', word: 'up to' },
    HUNDREDS: { prefix: '', word: 'hundreds', vague: true },
    THOUSANDS: { prefix: '', word: 'thousands', vague: true },
  };
  const REASONS = {
    AI_AUTOMATION: 'AI / automation',
    COST_CUTTING: 'cost cutting',
    RESTRUCTURING: 'restructuring',
    FALLING_DEMAND: 'falling demand',
    OVER_HIRING: 'over-hiring',
    OTHER: 'other',
  };
  const MODELS = {
    MARKET_MODEL: 'Market model (OLS)',
    MARKET_ADJUSTED: 'Market-adjusted (α 0, β 1)',
  };
  const SOURCE_KINDS = { ARTICLE: 'article', LAYOFFS_FYI: 'layoffs.fyi', OTHER: 'import' };
  const DASH = '—';

  function boundedNumber(value, min, max, fallback) {
    return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
  }

  function isNumber(value) {
    return typeof value === 'number' && Number.isFinite(value);
  }

  /** A return given as a fraction, as a signed percentage: 0.0518 -> "+5.18 %". */
  function formatReturn(fraction, digits = 2) {
    if (!isNumber(fraction)) return DASH;
    const percent = fraction * 100;
    const magnitude = Math.abs(percent).toFixed(digits);
    if (Number(magnitude) === 0) return magnitude + ' %';
    return (percent > 0 ? '+' : '-') + magnitude + ' %';
  }

  /** A percentage given in percent: 13 -> "13 %", 12.5 -> "12.5 %". */
  function formatPercent(percent) {
    if (!isNumber(percent)) return DASH;
    return String(Number(percent.toFixed(1))) + ' %';
  }

  function formatInteger(value) {
    return isNumber(value) ? integerFormat.format(value) : DASH;
  }

  function formatHeadcount(headcount, qualifier) {
    if (!isNumber(headcount)) return DASH;
    const q = QUALIFIERS[qualifier];
    if (!q) return formatInteger(headcount);
    if (q.vague) return q.word;
    return q.prefix + formatInteger(headcount);
  }

  function headcountTitle(headcount, qualifier) {
    if (!isNumber(headcount)) return 'no figure given';
    const q = QUALIFIERS[qualifier];
    const word = q ? q.word : (typeof qualifier === 'string' ? qualifier.toLowerCase() : 'unqualified');
    return word + ' (' + formatInteger(headcount) + ')';
  }

  function enumLabel(value, labels) {
    if (typeof value !== 'string') return DASH;
    return labels[value] || value.toLowerCase().replace(/_/g, ' ');
  }

  /** Parts of an instant in New York time, or null. */
  function newYorkParts(iso) {
    const date = new Date(iso);
    if (typeof iso !== 'string' || Number.isNaN(date.getTime())) return null;
    const parts = {};
    for (const part of dateParts.formatToParts(date)) parts[part.type] = part.value;
    return parts;
  }

  /** "2022-11-09" for an ISO instant, in New York time. */
  function newYorkDate(iso) {
    const p = newYorkParts(iso);
    return p ? p.year + '-' + p.month + '-' + p.day : DASH;
  }

  function newYorkDateTime(iso) {
    const p = newYorkParts(iso);
    return p ? p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + ' New York' : DASH;
  }

  function monthKey(iso) {
    const p = newYorkParts(iso);
    return p ? p.year + '-' + p.month : null;
  }

  function monthLabel(key) {
    const [year, month] = key.split('-');
    return MONTHS[Number(month) - 1] + ' ' + year.slice(2);
  }

  function monthRange(first, last) {
    const keys = [];
    let [year, month] = first.split('-').map(Number);
    const [lastYear, lastMonth] = last.split('-').map(Number);
    while ((year < lastYear || (year === lastYear && month <= lastMonth)) && keys.length < 1200) {
      keys.push(year + '-' + String(month).padStart(2, '0'));
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
    return keys;
  }

  function returnClass(value) {
    if (!isNumber(value) || Number(Math.abs(value * 100).toFixed(2)) === 0) return 'num';
    return value > 0 ? 'num pos' : 'num neg';
  }

  function httpUrl(value) {
    if (typeof value !== 'string') return null;
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
    } catch (notAUrl) {
      return null;
    }
  }

  // ---------------------------------------------------------------- DOM helpers

  /** An element; text children become text nodes (never parsed as HTML). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === null || value === undefined) continue;
        if (key === 'className') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key === 'dataset') Object.assign(node.dataset, value);
        else node.setAttribute(key, String(value));
      }
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined) node.setAttribute(key, String(value));
    }
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function withTitle(node, text) {
    node.append(svg('title', {}, text));
    return node;
  }

  function badge(status) {
    if (typeof status !== 'string') return el('span', { className: 'badge none', text: DASH });
    return el('span', { className: 'badge ' + status.toLowerCase(), text: status });
  }

  function setStatus(stateName, text) {
    dom.status.dataset.state = stateName;
    dom.status.textContent = text;
  }

  // ---------------------------------------------------------------- API

  function retryDelay(header) {
    if (!header) return null;
    const seconds = Number(header);
    if (Number.isFinite(seconds)) return seconds * 1000;
    const date = Date.parse(header);
    return Number.isNaN(date) ? null : date - Date.now();
  }

  /** GETs JSON; never throws: {ok, status (0 on network error), body, retryAfterMs}. */
  async function getJson(path) {
    let response;
    try {
      response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    } catch (networkError) {
      return { ok: false, status: 0, body: null, retryAfterMs: null };
    }
    let body = null;
    try {
      body = await response.json();
    } catch (notJson) {
      body = null;
    }
    return {
      ok: response.ok && body !== null && typeof body === 'object',
      status: response.status,
      body,
      retryAfterMs: retryDelay(response.headers.get('Retry-After')),
    };
  }

  function oldestDay(announcements) {
    let oldest = null;
    for (const a of announcements) {
      const time = Date.parse(a.announced_at);
      if (!Number.isNaN(time) && (oldest === null || time < oldest)) oldest = time;
    }
    return oldest === null ? null : newYorkDate(new Date(oldest).toISOString());
  }

  /** One refresh of everything; returns the delay before the next one. */
  async function refresh() {
    const ticker = state.ticker;
    const query = new URLSearchParams({ limit: String(ANNOUNCEMENT_LIMIT) });
    if (ticker) query.set('ticker', ticker);
    const [announced, windows] = await Promise.all([
      getJson('api/announcements?' + query),
      getJson('api/windows?dimension=market&period=month&limit=' + WINDOW_LIMIT),
    ]);
    if (ticker !== state.ticker) return 0;
    if (!announced.ok) return failed(announced);
    const announcements = Array.isArray(announced.body.announcements) ? announced.body.announcements : [];
    let reactions = [];
    const from = oldestDay(announcements);
    if (from !== null) {
      const reactionQuery = new URLSearchParams({ from, limit: String(REACTION_LIMIT) });
      if (ticker) reactionQuery.set('ticker', ticker);
      const reacted = await getJson('api/reactions?' + reactionQuery);
      if (ticker !== state.ticker) return 0;
      if (!reacted.ok) return failed(reacted);
      reactions = Array.isArray(reacted.body.reactions) ? reacted.body.reactions : [];
    }

    state.announcements = announcements;
    state.reactions = new Map(reactions.map((r) => [r.announcement_id, r]));
    state.loaded = true;
    if (windows.ok && Array.isArray(windows.body.windows)) {
      state.windows = windows.body.windows;
      state.windowsLoaded = true;
    }
    if (!state.announcements.some((a) => a.announcement_id === state.selectedId)) {
      state.selectedId = state.announcements.length > 0 ? state.announcements[0].announcement_id : null;
    }
    render();
    const instance = typeof announced.body.instance === 'string' ? announced.body.instance : '';
    dom.instance.textContent = instance ? 'Served by ' + instance : '';
    if (windows.ok) {
      setStatus('live', 'Live · updated ' + clockFormat.format(new Date()));
      return REFRESH_MS;
    }
    return failed(windows);
  }

  function failed(result) {
    let delay = REFRESH_MS;
    let placeholder;
    if (result.status === 503) {
      setStatus('waiting', 'Waiting for the app…');
      placeholder = 'Waiting for the app to start…';
      if (isNumber(result.retryAfterMs)) delay = Math.min(Math.max(result.retryAfterMs, MIN_RETRY_MS), MAX_RETRY_MS);
    } else if (result.status === 0) {
      setStatus('offline', 'Server unreachable, retrying…');
      placeholder = 'The server cannot be reached; retrying…';
    } else {
      const message = result.body && typeof result.body.error === 'string' ? result.body.error : 'HTTP ' + result.status;
      setStatus('error', 'API error ' + result.status + ': ' + message);
      placeholder = 'The API answered with an error: ' + message;
    }
    if (!state.loaded) {
      dom.tbody.replaceChildren(el('tr', { className: 'placeholder' }, el('td', { colspan: 11, text: placeholder })));
      state.tableKey = null;
    }
    if (!state.windowsLoaded) {
      dom.market.replaceChildren(el('p', { className: 'empty', text: placeholder }));
      state.marketKey = null;
    }
    return delay;
  }

  // ---------------------------------------------------------------- polling

  let timer = null;
  let inFlight = false;
  let again = false;

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  }

  async function run() {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    let delay = REFRESH_MS;
    try {
      delay = await refresh();
    } catch (bug) {
      // keep polling, but let the error surface as an uncaught exception
      setTimeout(() => { throw bug; }, 0);
    } finally {
      inFlight = false;
    }
    if (again) {
      again = false;
      delay = 0;
    }
    schedule(delay);
  }

  // ---------------------------------------------------------------- rendering

  function render() {
    renderTable();
    renderDetail();
    renderMarket();
  }

  function renderTable() {
    const key = JSON.stringify([state.selectedId, state.announcements,
      state.announcements.map((a) => state.reactions.get(a.announcement_id) || null)]);
    if (key === state.tableKey) return;
    state.tableKey = key;
    dom.count.textContent = state.ticker
      ? state.announcements.length + ' for ' + state.ticker
      : state.announcements.length + ' most recent';
    if (state.announcements.length === 0) {
      const text = state.ticker ? 'No announcement for ' + state.ticker + '.' : 'No announcement yet.';
      dom.tbody.replaceChildren(el('tr', { className: 'placeholder' }, el('td', { colspan: 11, text })));
      return;
    }
    dom.tbody.replaceChildren(...state.announcements.map((a) => row(a, state.reactions.get(a.announcement_id))));
  }

  function row(a, reaction) {
    const selected = a.announcement_id === state.selectedId;
    const company = el('td', { className: 'company', title: a.sector ? 'Sector: ' + a.sector : null },
      el('span', { className: 'name', text: a.company }),
      typeof a.division === 'string' && a.division ? el('span', { className: 'division', text: a.division }) : null);
    const tickerCell = el('td', { className: 'ticker' },
      a.ticker ? el('span', { className: 'symbol', text: a.ticker }) : el('span', { className: 'muted', text: 'private', title: 'No listed ticker' }));
    const announced = el('td', { className: 'date', text: newYorkDate(a.announced_at),
      title: a.announced_at + (a.time_precision === 'DATE' ? ' (date only)' : '') });
    const status = el('td', { className: 'status-cell' }, reaction ? badge(reaction.status)
      : el('span', { className: 'muted', text: DASH, title: a.ticker ? 'No reaction yet' : 'No ticker, no reaction' }));
    return el('tr', {
      dataset: { id: a.announcement_id },
      className: selected ? 'selected' : null,
      'aria-selected': selected ? 'true' : 'false',
      tabindex: 0,
    },
    company,
    tickerCell,
    announced,
    el('td', { className: 'date', text: reaction && reaction.day0 ? reaction.day0 : DASH }),
    el('td', { className: 'num', text: formatHeadcount(a.headcount, a.headcount_qualifier),
      title: headcountTitle(a.headcount, a.headcount_qualifier) }),
    el('td', { className: 'num', text: formatPercent(a.workforce_pct) }),
    status,
    el('td', { className: returnClass(reaction && reaction.day0_return), text: formatReturn(reaction && reaction.day0_return) }),
    el('td', { className: returnClass(reaction && reaction.car_0_p1), text: formatReturn(reaction && reaction.car_0_p1) }),
    el('td', { className: returnClass(reaction && reaction.car_0_p5), text: formatReturn(reaction && reaction.car_0_p5) }),
    el('td', { className: 'num', text: formatInteger(a.source_count) }));
  }

  function select(id) {
    if (id === state.selectedId) return;
    state.selectedId = id;
    for (const tr of dom.tbody.querySelectorAll('tr[data-id]')) {
      const selected = tr.dataset.id === id;
      tr.classList.toggle('selected', selected);
      tr.setAttribute('aria-selected', selected ? 'true' : 'false');
    }
    state.tableKey = null;
    renderDetail();
  }

  function renderDetail() {
    const announcement = state.announcements.find((a) => a.announcement_id === state.selectedId) || null;
    const reaction = announcement ? state.reactions.get(announcement.announcement_id) || null : null;
    const key = JSON.stringify([announcement, reaction]);
    if (key === state.detailKey) return;
    state.detailKey = key;
    if (!announcement) {
      dom.detailBadge.replaceChildren();
      dom.detail.replaceChildren(el('p', { className: 'empty', text: 'Select an announcement.' }));
      return;
    }
    dom.detailBadge.replaceChildren(reaction ? badge(reaction.status) : '');
    const heading = el('div', { className: 'detail-heading' },
      el('h3', { text: announcement.company }),
      announcement.ticker ? el('span', { className: 'symbol', text: announcement.ticker }) : null,
      el('span', { className: 'muted', text: newYorkDateTime(announcement.announced_at)
        + (announcement.time_precision === 'DATE' ? ' (date only)' : '') }));
    const parts = [heading];
    if (reaction) {
      parts.push(el('div', { className: 'chart', id: 'reaction-chart' }, reactionChart(reaction)));
      parts.push(el('ul', { className: 'legend', 'aria-hidden': 'true' },
        el('li', {}, el('span', { className: 'swatch swatch-car' }), 'CAR from day −1'),
        el('li', {}, el('span', { className: 'swatch swatch-raw' }), reaction.ticker + ' return'),
        el('li', {}, el('span', { className: 'swatch swatch-bench' }), reaction.benchmark + ' return')));
    } else {
      parts.push(el('p', { className: 'empty', text: announcement.ticker
        ? 'No market reaction for ' + announcement.ticker + ' yet.'
        : 'Private company: no share price to study.' }));
    }
    const grids = el('div', { className: 'detail-grids' }, announcementFacts(announcement));
    if (reaction) grids.append(studyFacts(reaction));
    parts.push(grids);
    dom.detail.replaceChildren(...parts);
  }

  function facts(title, rows) {
    const dl = el('dl', { className: 'facts' });
    for (const [label, value, className] of rows) {
      dl.append(el('dt', { text: label }), el('dd', { className: className || null },
        ...(Array.isArray(value) ? value : [value])));
    }
    return el('div', { className: 'facts-block' }, el('h4', { text: title }), dl);
  }

  function announcementFacts(a) {
    const reasons = Array.isArray(a.reasons) && a.reasons.length > 0
      ? a.reasons.map((r) => enumLabel(r, REASONS)).join(', ') : DASH;
    return facts('Announcement', [
      ['Headcount', formatHeadcount(a.headcount, a.headcount_qualifier)
        + (isNumber(a.headcount) && QUALIFIERS[a.headcount_qualifier] && QUALIFIERS[a.headcount_qualifier].vague
          ? ' (' + formatInteger(a.headcount) + ')' : '')],
      ['Workforce', formatPercent(a.workforce_pct)],
      ['Division', typeof a.division === 'string' && a.division ? a.division : DASH],
      ['Sector', typeof a.sector === 'string' && a.sector ? a.sector : DASH],
      ['Reasons', reasons],
      ['Confidence', isNumber(a.confidence) ? Math.round(a.confidence * 100) + ' %' : DASH],
      ['Sources', sourceList(a)],
    ]);
  }

  function sourceList(a) {
    const sources = Array.isArray(a.sources) ? a.sources : [];
    if (sources.length === 0) return formatInteger(a.source_count);
    const list = el('ul', { className: 'sources' });
    for (const source of sources.slice(0, 8)) {
      const url = httpUrl(source.url);
      const label = enumLabel(source.kind, SOURCE_KINDS) + ' · ' + newYorkDate(source.published_at);
      const item = el('li', {}, el('span', { className: 'muted', text: label + ' ' }));
      if (url) {
        item.append(el('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer', title: url.href,
          text: url.hostname }));
      } else if (typeof source.url === 'string' && source.url) {
        item.append(el('span', { className: 'unlinked', text: source.url }));
      }
      list.append(item);
    }
    if (sources.length > 8) list.append(el('li', { className: 'muted', text: '+ ' + (sources.length - 8) + ' more' }));
    return list;
  }

  function studyFacts(r) {
    return facts('Event study', [
      ['Status', badge(r.status)],
      ['Benchmark', typeof r.benchmark === 'string' ? r.benchmark : DASH],
      ['Model', enumLabel(r.model, MODELS)],
      ['Alpha', isNumber(r.alpha) ? formatReturn(r.alpha, 3) + ' per day' : DASH],
      ['Beta', isNumber(r.beta) ? r.beta.toFixed(3) : DASH],
      ['Estimation returns', formatInteger(r.estimation_returns)],
      ['Day 0', typeof r.day0 === 'string' ? r.day0 : DASH],
      ['Reference close', isNumber(r.reference_close) ? r.reference_close.toFixed(2) : DASH],
      ['Day-0 return', formatReturn(r.day0_return), returnClass(r.day0_return)],
      ['Benchmark day 0', formatReturn(r.day0_benchmark_return), returnClass(r.day0_benchmark_return)],
      ['CAR[−1,+1]', formatReturn(r.car_m1_p1), returnClass(r.car_m1_p1)],
      ['CAR[0,0]', formatReturn(r.car_0_0), returnClass(r.car_0_0)],
      ['CAR[0,+1]', formatReturn(r.car_0_p1), returnClass(r.car_0_p1)],
      ['CAR[0,+5]', formatReturn(r.car_0_p5), returnClass(r.car_0_p5)],
      ['Raw return 0..+5', formatReturn(r.raw_return_0_p5), returnClass(r.raw_return_0_p5)],
      ['As of', newYorkDateTime(r.as_of)],
    ]);
  }

  // ---------------------------------------------------------------- charts

  /** Round axis bounds and ticks covering [min, max]. */
  function niceScale(min, max, count) {
    if (!(max > min)) { max = min + 1; }
    const rough = (max - min) / count;
    const magnitude = 10 ** Math.floor(Math.log10(rough));
    const normalized = rough / magnitude;
    const step = (normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10) * magnitude;
    const lo = Math.floor(min / step + 1e-9) * step; // the tolerance keeps 0 at 0, not one step below
    const hi = Math.ceil(max / step - 1e-9) * step;
    const ticks = [];
    for (let i = 0; lo + i * step <= hi + step / 2; i++) ticks.push(Number((lo + i * step).toPrecision(12)));
    return { min: lo, max: hi, step, ticks };
  }

  function percentTick(fraction, step) {
    const digits = Math.max(0, Math.min(2, -Math.floor(Math.log10(step * 100) + 1e-9)));
    const percent = fraction * 100;
    if (Number(Math.abs(percent).toFixed(digits)) === 0) return '0';
    return (percent > 0 ? '+' : '-') + Math.abs(percent).toFixed(digits) + ' %';
  }

  function compactInteger(value) {
    if (Math.abs(value) >= 1000000) return Number((value / 1000000).toFixed(1)) + 'M';
    if (Math.abs(value) >= 10000) return Number((value / 1000).toFixed(1)) + 'k';
    return integerFormat.format(value);
  }

  function offsetLabel(offset) {
    return offset > 0 ? '+' + offset : offset < 0 ? '−' + Math.abs(offset) : '0';
  }

  /** Bars of the raw and benchmark return of each session, and the CAR line from day -1. */
  function reactionChart(reaction) {
    const width = 560;
    const height = 250;
    const m = { top: 14, right: 14, bottom: 44, left: 60 };
    const plotW = width - m.left - m.right;
    const plotH = height - m.top - m.bottom;
    const sessions = (Array.isArray(reaction.sessions) ? reaction.sessions : [])
      .filter((s) => Number.isInteger(s.offset) && s.offset >= -1 && s.offset <= 5)
      .sort((a, b) => a.offset - b.offset);

    const carPoints = [];
    let car = 0;
    for (const s of sessions) {
      if (!isNumber(s.abnormal_return)) {
        if (carPoints.length > 0) break; // the cumulative sum is unknown after a gap
        continue;
      }
      car += s.abnormal_return;
      carPoints.push({ session: s, value: car });
    }

    const values = [0];
    for (const s of sessions) {
      if (isNumber(s.symbol_return)) values.push(s.symbol_return);
      if (isNumber(s.benchmark_return)) values.push(s.benchmark_return);
    }
    for (const p of carPoints) values.push(p.value);
    const scale = niceScale(Math.min(...values), Math.max(...values), 5);
    const y = (v) => m.top + ((scale.max - v) / (scale.max - scale.min)) * plotH;
    const slot = plotW / 7;
    const x = (offset) => m.left + (offset + 1.5) * slot;

    const root = svg('svg', {
      viewBox: '0 0 ' + width + ' ' + height, class: 'reaction-svg', role: 'img',
      'aria-label': 'Cumulative abnormal return of ' + reaction.ticker + ' from day −1 to +5, with the session returns of '
        + reaction.ticker + ' and ' + reaction.benchmark,
      'data-sessions': sessions.length,
    });
    root.append(svg('rect', { class: 'day0-band', x: m.left + slot, y: m.top, width: slot, height: plotH }));
    for (const tick of scale.ticks) {
      root.append(svg('line', { class: tick === 0 ? 'zero' : 'grid', x1: m.left, x2: width - m.right, y1: y(tick), y2: y(tick) }));
      root.append(svg('text', { class: 'tick', x: m.left - 8, y: y(tick) + 4, 'text-anchor': 'end' }, percentTick(tick, scale.step)));
    }
    const bySession = new Map(sessions.map((s) => [s.offset, s]));
    const barWidth = Math.max(2, slot * 0.26);
    for (let offset = -1; offset <= 5; offset++) {
      const s = bySession.get(offset);
      root.append(svg('text', { class: 'tick' + (offset === 0 ? ' strong' : ''), x: x(offset), y: height - m.bottom + 18, 'text-anchor': 'middle' },
        offset === 0 ? 'day 0' : offsetLabel(offset)));
      if (s && typeof s.date === 'string') {
        root.append(svg('text', { class: 'tick small', x: x(offset), y: height - m.bottom + 33, 'text-anchor': 'middle' }, s.date.slice(5)));
      }
      if (!s) continue;
      const bars = [['bar-raw', s.symbol_return, -barWidth - 1, reaction.ticker], ['bar-bench', s.benchmark_return, 1, reaction.benchmark]];
      for (const [className, value, dx, symbol] of bars) {
        if (!isNumber(value)) continue;
        const top = Math.min(y(value), y(0));
        root.append(withTitle(svg('rect', {
          class: className, x: x(offset) + dx, y: top, width: barWidth, height: Math.max(1, Math.abs(y(value) - y(0))),
        }), 'Day ' + offsetLabel(offset) + ' (' + s.date + '): ' + symbol + ' ' + formatReturn(value)));
      }
    }
    if (carPoints.length > 0) {
      const d = carPoints.map((p, i) => (i === 0 ? 'M' : 'L') + x(p.session.offset).toFixed(1) + ' ' + y(p.value).toFixed(1)).join(' ');
      root.append(svg('path', { class: 'car-line', d }));
      for (const p of carPoints) {
        const s = p.session;
        root.append(withTitle(svg('circle', { class: 'car-point', cx: x(s.offset), cy: y(p.value), r: 4 }),
          'CAR[−1,' + offsetLabel(s.offset) + '] = ' + formatReturn(p.value)
          + ' (abnormal return of the day ' + formatReturn(s.abnormal_return) + ')'));
      }
    }
    return root;
  }

  function renderMarket() {
    if (!state.windowsLoaded) return;
    const key = JSON.stringify([state.metric, state.windows]);
    if (key === state.marketKey) return;
    state.marketKey = key;
    dom.marketBarLabel.textContent = state.metric === 'count' ? 'Announcements' : 'Headcount (jobs cut)';
    const byMonth = new Map();
    for (const w of state.windows) {
      const k = monthKey(w.window_start);
      if (k) byMonth.set(k, w);
    }
    if (byMonth.size === 0) {
      dom.market.replaceChildren(el('p', { className: 'empty', text: 'No monthly aggregate yet.' }));
      dom.marketSummary.textContent = '';
      return;
    }
    const sorted = [...byMonth.keys()].sort();
    const months = monthRange(sorted[0], sorted[sorted.length - 1]);
    dom.market.replaceChildren(marketChart(months, byMonth, state.metric));
    let announcements = 0;
    let headcount = 0;
    for (const w of byMonth.values()) {
      if (isNumber(w.announcement_count)) announcements += w.announcement_count;
      if (isNumber(w.total_headcount)) headcount += w.total_headcount;
    }
    dom.marketSummary.textContent = months.length + (months.length === 1 ? ' month' : ' months') + ' · '
      + formatInteger(announcements) + ' announcements · ' + formatInteger(headcount) + ' jobs cut (where a figure is given)';
  }

  /** Bars per month (announcements or headcount) and the mean CAR[0,+1] on a second axis. */
  function marketChart(months, byMonth, metric) {
    const width = 560;
    const height = 250;
    const m = { top: 14, right: 62, bottom: 34, left: 52 };
    const plotW = width - m.left - m.right;
    const plotH = height - m.top - m.bottom;
    const barValue = (w) => {
      const v = metric === 'count' ? w.announcement_count : w.total_headcount;
      return isNumber(v) ? v : 0;
    };
    let maxBar = 1;
    const cars = [0];
    for (const w of byMonth.values()) {
      maxBar = Math.max(maxBar, barValue(w));
      if (isNumber(w.mean_car_0_p1)) cars.push(w.mean_car_0_p1);
    }
    const left = niceScale(0, maxBar, 4);
    if (left.step < 1) { left.step = 1; left.ticks = left.ticks.filter(Number.isInteger); }
    const right = niceScale(Math.min(...cars), Math.max(...cars), 4);
    const yLeft = (v) => m.top + ((left.max - v) / (left.max - left.min)) * plotH;
    const yRight = (v) => m.top + ((right.max - v) / (right.max - right.min)) * plotH;
    const slot = plotW / months.length;
    const x = (i) => m.left + (i + 0.5) * slot;

    const root = svg('svg', {
      viewBox: '0 0 ' + width + ' ' + height, class: 'market-svg', role: 'img',
      'aria-label': (metric === 'count' ? 'Announcements' : 'Jobs cut') + ' per month, market-wide, with the mean CAR[0,+1]',
      'data-months': months.length,
    });
    for (const tick of left.ticks) {
      root.append(svg('line', { class: 'grid', x1: m.left, x2: width - m.right, y1: yLeft(tick), y2: yLeft(tick) }));
      root.append(svg('text', { class: 'tick', x: m.left - 8, y: yLeft(tick) + 4, 'text-anchor': 'end' }, compactInteger(tick)));
    }
    for (const tick of right.ticks) {
      root.append(svg('text', { class: 'tick line-tick', x: width - m.right + 8, y: yRight(tick) + 4, 'text-anchor': 'start' },
        percentTick(tick, right.step)));
    }
    root.append(svg('line', { class: 'zero-car', x1: m.left, x2: width - m.right, y1: yRight(0), y2: yRight(0) }));
    root.append(svg('line', { class: 'axis', x1: m.left, x2: width - m.right, y1: yLeft(0), y2: yLeft(0) }));

    const every = Math.ceil(months.length / 8);
    const barWidth = Math.max(1, slot * 0.7);
    const points = [];
    months.forEach((month, i) => {
      if (i % every === 0 || months.length <= 8) {
        root.append(svg('text', { class: 'tick', x: x(i), y: height - m.bottom + 18, 'text-anchor': 'middle' }, monthLabel(month)));
      }
      const w = byMonth.get(month);
      if (!w) {
        points.push(null);
        return;
      }
      const value = barValue(w);
      const summary = monthLabel(month) + (w.status === 'PROVISIONAL' ? ' (provisional)' : '') + ': '
        + formatInteger(w.announcement_count) + ' announcements, ' + formatInteger(w.total_headcount) + ' jobs cut, '
        + formatInteger(w.reaction_count) + ' reactions, mean CAR[0,+1] ' + formatReturn(w.mean_car_0_p1);
      root.append(withTitle(svg('rect', {
        class: 'bar-month' + (w.status === 'PROVISIONAL' ? ' provisional' : ''),
        x: x(i) - barWidth / 2, y: yLeft(value), width: barWidth, height: Math.max(0, yLeft(0) - yLeft(value)),
        'data-month': month,
      }), summary));
      points.push(isNumber(w.mean_car_0_p1) ? { i, value: w.mean_car_0_p1, summary } : null);
    });

    let d = '';
    let pen = false;
    for (const p of points) {
      if (!p) { pen = false; continue; }
      d += (pen ? ' L' : ' M') + x(p.i).toFixed(1) + ' ' + yRight(p.value).toFixed(1);
      pen = true;
    }
    if (d) root.append(svg('path', { class: 'mean-car-line', d: d.trim() }));
    const radius = months.length > 36 ? 2 : 3.5;
    for (const p of points) {
      if (p) root.append(withTitle(svg('circle', { class: 'mean-car-point', cx: x(p.i), cy: yRight(p.value), r: radius }), p.summary));
    }
    return root;
  }

  // ---------------------------------------------------------------- events

  dom.tbody.addEventListener('click', (event) => {
    const tr = event.target.closest('tr[data-id]');
    if (tr && !event.target.closest('a')) select(tr.dataset.id);
  });

  dom.tbody.addEventListener('keydown', (event) => {
    const tr = event.target.closest('tr[data-id]');
    if (!tr) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(tr.dataset.id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
      if (next && next.dataset.id) {
        next.focus();
        select(next.dataset.id);
      }
    }
  });

  let filterTimer = null;
  dom.filter.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => {
      const value = dom.filter.value.trim().toUpperCase();
      if (value !== '' && !TICKER_PATTERN.test(value)) {
        dom.filterHint.textContent = 'Not a ticker';
        return;
      }
      dom.filterHint.textContent = '';
      if (value === state.ticker) return;
      state.ticker = value;
      state.selectedId = null;
      state.loaded = false;
      schedule(0);
    }, 250);
  });

  for (const button of dom.metricButtons) {
    button.addEventListener('click', () => {
      state.metric = button.dataset.metric;
      for (const other of dom.metricButtons) other.setAttribute('aria-pressed', other === button ? 'true' : 'false');
      renderMarket();
    });
  }

  schedule(0);
})();
