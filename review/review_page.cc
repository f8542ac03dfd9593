// ReviewPageHtml: the single-page review UI (HTML, CSS and JS as raw strings).
#include "review/review_page.h"

#include "pipeline/export/exporters.h"

namespace rapport::review {

namespace {

// Up to the nonce of the <style> element.
constexpr std::string_view kHead = R"rapport(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Rapport review</title>
<link rel="icon" href="data:,">
<style nonce=")rapport";

constexpr std::string_view kStyle = R"rapport(">
:root{--fg:#1f2328;--muted:#59636e;--bg:#f6f8fa;--card:#fff;--line:#d1d9e0;--accent:#0969da;--ok:#1a7f37;--okbg:#dafbe1;--warn:#9a6700;--bad:#cf222e;--badbg:#ffebe9;--newbg:#ddf4ff}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--card:#151b23;--line:#3d444d;--accent:#4493f8;--ok:#3fb950;--okbg:#12261e;--warn:#d29922;--bad:#f85149;--badbg:#25171c;--newbg:#121d2f}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.page{max-width:64rem;margin:0 auto;padding:0 1rem 3rem}
header.top{padding:1.25rem 0 .5rem}
h1{font-size:1.5rem;margin:0}
.sub{color:var(--muted);font-size:.9rem;margin:.15rem 0 0;overflow-wrap:anywhere}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;margin:.75rem 0 0;padding:0;list-style:none}
.counts li{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.3rem .75rem;font-size:.9rem}
.counts b{font-variant-numeric:tabular-nums;font-size:1.05rem;margin-right:.25rem}
.filters{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;align-items:end;gap:.75rem 1rem;background:var(--bg);border-bottom:1px solid var(--line);padding:.75rem 0;margin-bottom:.5rem}
.filters label{display:flex;flex-direction:column;font-size:.78rem;color:var(--muted);font-weight:600;gap:.15rem}
.filters label.check{flex-direction:row;align-items:center;gap:.4rem;font-size:.9rem;color:var(--fg);font-weight:400;padding-bottom:.35rem}
select,input{font:inherit;color:var(--fg);background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.3rem .5rem}
select,.filters input[type=number]{height:2.1rem}
select{min-width:11rem;max-width:18rem}
input[type=number]{width:6.5rem}
.filters .shown{margin-left:auto;color:var(--muted);font-size:.85rem;padding-bottom:.4rem}
button{font:inherit;font-size:.88rem;border:1px solid var(--line);background:var(--card);color:var(--fg);border-radius:6px;padding:.25rem .8rem;cursor:pointer}
button:hover{border-color:var(--muted)}
button:focus-visible,select:focus-visible,input:focus-visible,a:focus-visible{outline:2px solid var(--accent);outline-offset:1px}
button:disabled{opacity:.55;cursor:default}
button.accept{color:var(--ok);border-color:var(--ok)}
button.reject{color:var(--bad);border-color:var(--bad)}
button.accept[aria-pressed=true]{background:var(--ok);color:#fff}
button.reject[aria-pressed=true]{background:var(--bad);color:#fff}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
button.link{border:0;background:none;color:var(--accent);padding:.25rem .4rem}
a{color:var(--accent)}
.person{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.9rem 1.1rem;margin:1rem 0}
.person h2{font-size:1.15rem;margin:0 0 .25rem;display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem .6rem}
.person h2 .handle{font-size:.85rem;font-weight:400;color:var(--muted)}
.person h2 .n{margin-left:auto;font-size:.8rem;font-weight:400;color:var(--muted)}
.cands{list-style:none;margin:0;padding:0}
.cand{border-top:1px solid var(--line);padding:.75rem 0}
.cand:first-child{border-top:0}
.cand[data-status=accepted],.cand[data-status=edited]{border-left:3px solid var(--ok);padding-left:.75rem}
.cand[data-status=rejected]{border-left:3px solid var(--bad);padding-left:.75rem}
.head{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem .5rem}
.cat{font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;font-weight:600;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:0 .35rem}
.value{font-weight:600;font-size:1.05rem;overflow-wrap:anywhere}
.was{font-size:.82rem;color:var(--muted)}
.score{margin-left:auto;font-variant-numeric:tabular-nums;color:var(--muted);font-size:.9rem}
.badge{display:inline-block;font-size:.72rem;padding:0 .5rem;border-radius:1rem;border:1px solid currentColor;font-weight:600}
.badge.st-new{color:var(--accent);background:var(--newbg)}
.badge.st-accepted,.badge.st-edited{color:var(--ok);background:var(--okbg)}
.badge.st-rejected{color:var(--bad);background:var(--badbg)}
.badge.other{color:var(--warn);font-weight:400}
.badge.negative{color:var(--bad);font-weight:400}
.cand[data-status=rejected] .value{text-decoration:line-through;color:var(--muted)}
.cand[data-status=rejected] .evidence,.cand[data-status=accepted] .evidence,.cand[data-status=edited] .evidence{opacity:.75}
.stats{font-size:.83rem;color:var(--muted);margin:.15rem 0 0}
.evidence{list-style:none;margin:.4rem 0 0;padding:0}
.evidence li{margin:.35rem 0 0;padding:.35rem .75rem;border-left:3px solid var(--line);background:var(--bg);border-radius:0 6px 6px 0}
.evidence p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.evidence .by{font-size:.78rem;color:var(--muted);margin-top:.15rem}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin-top:.55rem}
.edit{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin-top:.55rem}
.edit input{flex:1 1 18rem;min-width:12rem}
.edit .left{font-size:.78rem;color:var(--muted)}
.err{color:var(--bad);font-size:.85rem}
.note{font-size:.82rem;color:var(--muted)}
.empty{background:var(--card);border:1px dashed var(--line);border-radius:10px;padding:2rem;text-align:center;color:var(--muted);margin:1rem 0}
.toast{position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);background:var(--fg);color:var(--bg);border-radius:8px;padding:.45rem 1rem;font-size:.9rem;max-width:90vw;overflow-wrap:anywhere;z-index:3}
.toast.bad{background:var(--bad);color:#fff}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
[hidden]{display:none!important}
</style>
</head>
<body>
<div class="page">
<header class="top">
<h1>Rapport review</h1>
<p class="sub">Candidates from <span id="source">)rapport";

// After the source label, up to the nonce of the <script> element.
constexpr std::string_view kBody = R"rapport(</span>. Decisions are stored as soon as you click; rejected candidates never come back in later runs, accepted and edited ones are marked for export.</p>
<ul class="counts" id="counts" aria-label="Review counts"></ul>
</header>
<form class="filters" id="filters" role="search" aria-label="Filter candidates">
<label>Category<select id="f-category"><option value="">All categories</option></select></label>
<label>Person<select id="f-person"><option value="">All people</option></select></label>
<label>Minimum score<input id="f-score" type="number" min="0" step="0.1" inputmode="decimal" placeholder="any"></label>
<label class="check"><input id="f-decided" type="checkbox"> Show decided</label>
<button type="button" class="link" id="f-clear">Clear filters</button>
<span class="shown" id="shown" aria-live="polite"></span>
</form>
<main id="list" aria-busy="true"><p class="empty">Loading candidates&hellip;</p></main>
<noscript><p class="empty">This page needs JavaScript. out/review.html is the static version for reading.</p></noscript>
</div>
<div class="toast" id="toast" role="status" aria-live="polite" hidden></div>
<script nonce=")rapport";

constexpr std::string_view kScript = R"rapport(">
'use strict';
(() => {
  const STATUS_LABEL = {new: 'New', accepted: 'Accepted', edited: 'Edited', rejected: 'Rejected'};
  const MAX_VALUE = 500;
  const state = {candidates: [], byId: new Map(), f: {category: '', person: '', min: '', decided: false}};
  const $ = (id) => document.getElementById(id);

  // Builds an element; text is always set with textContent, attributes from a fixed list.
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else if (k === 'on') for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
    return e;
  }
  // Only http(s) links: a javascript: or data: URL in the data must never become a link.
  function safeUrl(u) {
    try {
      const url = new URL(u);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (_) { return null; }
  }
  const day = (iso) => (typeof iso === 'string' && iso.length >= 10 ? iso.slice(0, 10) : '');
  const personKey = (c) => c.person.platform + ':' + c.person.id;
  const personLabel = (p) => (p.name ? p.name + (p.username ? ' (@' + p.username + ')' : '') : (p.username ? '@' + p.username : p.id));
  const decided = (c) => c.status !== 'new';
  const plural = (n, one, many) => n + ' ' + (n === 1 ? one : (many || one + 's'));

  let toastTimer = 0;
  function toast(msg, bad) {
    const t = $('toast');
    t.textContent = msg;
    t.className = 'toast' + (bad ? ' bad' : '');
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { t.hidden = true; }, bad ? 6000 : 2500);
  }

  // --- filters, kept in the URL fragment so a reload keeps them ---
  function readHash() {
    const h = new URLSearchParams(location.hash.slice(1));
    state.f = {category: h.get('category') || '', person: h.get('person') || '', min: h.get('min') || '',
               decided: h.get('decided') === '1'};
  }
  function writeHash() {
    const h = new URLSearchParams();
    if (state.f.category) h.set('category', state.f.category);
    if (state.f.person) h.set('person', state.f.person);
    if (state.f.min) h.set('min', state.f.min);
    if (state.f.decided) h.set('decided', '1');
    const s = h.toString();
    history.replaceState(null, '', s ? '#' + s : location.pathname);
  }
  function fillSelect(sel, entries, current) {
    while (sel.options.length > 1) sel.remove(1);
    for (const [value, label] of entries) sel.append(el('option', {value}, label));
    sel.value = entries.some(([v]) => v === current) ? current : '';
  }
  function syncFilterControls() {
    const cats = [...new Set(state.candidates.map((c) => c.category))].sort();
    fillSelect($('f-category'), cats.map((c) => [c, c]), state.f.category);
    const people = new Map();
    for (const c of state.candidates) if (!people.has(personKey(c))) people.set(personKey(c), personLabel(c.person));
    fillSelect($('f-person'), [...people].sort((a, b) => a[1].localeCompare(b[1])), state.f.person);
    state.f.category = $('f-category').value;
    state.f.person = $('f-person').value;
    $('f-score').value = state.f.min;
    $('f-decided').checked = state.f.decided;
  }
  function onFilter() {
    state.f.category = $('f-category').value;
    state.f.person = $('f-person').value;
    const min = $('f-score').value.trim();
    state.f.min = min !== '' && Number.isFinite(Number(min)) ? min : '';
    state.f.decided = $('f-decided').checked;
    writeHash();
    render();
  }
  function matches(c) {
    if (state.f.category && c.category !== state.f.category) return false;
    if (state.f.person && personKey(c) !== state.f.person) return false;
    if (state.f.min !== '' && !(c.score >= Number(state.f.min))) return false;
    if (!state.f.decided && decided(c)) return false;
    return true;
  }

  // --- rendering ---
  function renderCounts() {
    const n = {new: 0, accepted: 0, rejected: 0};
    for (const c of state.candidates) {
      const k = c.status === 'edited' ? 'accepted' : c.status;
      if (k in n) n[k]++;
    }
    const people = new Set(state.candidates.map(personKey)).size;
    const ul = $('counts');
    ul.replaceChildren(
      el('li', {}, el('b', {text: String(n.new)}), 'to review'),
      el('li', {}, el('b', {text: String(n.accepted)}), 'accepted for export'),
      el('li', {}, el('b', {text: String(n.rejected)}), 'rejected'),
      el('li', {}, el('b', {text: String(state.candidates.length)}), (state.candidates.length === 1 ? 'candidate' : 'candidates') + ' for ' + plural(people, 'person', 'people')));
  }
  function statusBadge(c) {
    let label = STATUS_LABEL[c.status] || c.status;
    if (c.status === 'accepted' || c.status === 'edited') label += ' · for export';
    return el('span', {class: 'badge st-' + c.status, title: c.decided_at ? 'decided ' + new Date(c.decided_at * 1000).toLocaleString() : null}, label);
  }
  function candidateNode(c) {
    const li = el('li', {class: 'cand', dataset: {id: c.candidate_id, status: c.status}});
    const head = el('div', {class: 'head'},
      el('span', {class: 'cat', text: c.category}),
      el('span', {class: 'value', text: c.value}),
      c.value !== c.run_value ? el('span', {class: 'was', text: 'extracted: ' + c.run_value}) : null,
      statusBadge(c),
      c.said_by === 'other' ? el('span', {class: 'badge other', title: 'said about them by someone else'}, 'said by others') : null,
      c.polarity === 'negative' ? el('span', {class: 'badge negative', title: 'a negative fact, e.g. "does not eat meat"'}, 'negative') : null,
      el('span', {class: 'score', title: 'score'}, 'score ' + Number(c.score).toFixed(2)));
    const stats = el('p', {class: 'stats', text: [plural(c.mentions, 'mention'), plural(c.days, 'day'),
      plural(c.conversations, 'conversation'), c.interlocutors ? plural(c.interlocutors, 'interlocutor') : null,
      'first ' + day(c.first_seen), 'last ' + day(c.last_seen)].filter(Boolean).join(' · ')});
    const ev = el('ul', {class: 'evidence', 'aria-label': 'Evidence'});
    for (const e of c.evidence) {
      const url = safeUrl(e.url);
      ev.append(el('li', {},
        el('p', {text: e.text}),
        el('div', {class: 'by'}, (e.author ? '@' + e.author + ' · ' : '') + day(e.created_at),
          url ? ' · ' : null,
          url ? el('a', {href: url, target: '_blank', rel: 'noopener noreferrer'}, 'open post') : null)));
    }
    const err = el('span', {class: 'err', role: 'alert'});
    const act = (status, label, cls, current) => el('button', {type: 'button', class: cls, 'aria-pressed': current ? 'true' : null,
      'aria-label': label + ' “' + c.value + '”', on: {click: () => decide(c.candidate_id, status, undefined, li)}}, label);
    const input = el('input', {type: 'text', maxlength: String(MAX_VALUE), 'aria-label': 'New value for ' + c.category, required: true});
    input.value = c.value;
    const left = el('span', {class: 'left'});
    const count = () => { left.textContent = [...input.value].length + ' / ' + MAX_VALUE; };
    input.addEventListener('input', count);
    const form = el('form', {class: 'edit', hidden: true, on: {submit: (ev) => {
      ev.preventDefault();
      const v = input.value.trim();
      if (!v) { err.textContent = 'The value must not be empty.'; return; }
      if ([...v].length > MAX_VALUE) { err.textContent = 'At most ' + MAX_VALUE + ' characters.'; return; }
      decide(c.candidate_id, 'edited', v, li);
    }}}, input, el('button', {type: 'submit', class: 'primary'}, 'Save'),
      el('button', {type: 'button', on: {click: () => { form.hidden = true; actions.hidden = false; err.textContent = ''; }}}, 'Cancel'), left);
    const actions = el('div', {class: 'actions'},
      act('accepted', c.status === 'edited' ? 'Accept as extracted' : 'Accept', 'accept', c.status === 'accepted'),
      act('rejected', 'Reject', 'reject', c.status === 'rejected'),
      el('button', {type: 'button', class: 'edit-btn', 'aria-label': 'Edit “' + c.value + '”', on: {click: () => {
        actions.hidden = true; form.hidden = false; count(); input.focus(); input.select(); }}}, 'Edit'),
      c.status === 'rejected' ? el('span', {class: 'note', text: 'Will not come back after the next run.'}) : null,
      err);
    li.append(head, stats, ev, actions, form);
    return li;
  }
  function render() {
    renderCounts();
    const list = $('list');
    const shown = state.candidates.filter(matches);
    const total = state.f.decided ? state.candidates.length : state.candidates.filter((c) => !decided(c)).length;
    $('shown').textContent = 'showing ' + shown.length + ' of ' + total;
    if (!shown.length) {
      const filtered = state.f.category || state.f.person || state.f.min;
      list.replaceChildren(el('p', {class: 'empty', text: !state.candidates.length
        ? 'No candidates in this run.'
        : filtered ? 'Nothing matches these filters.' : (state.f.decided ? 'No candidates.' : 'Everything is reviewed. Tick “Show decided” to see the decisions.')}));
      return;
    }
    const groups = new Map();
    for (const c of shown) {
      const k = personKey(c);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(c);
    }
    const sections = [];
    for (const [k, cs] of groups) {
      const p = cs[0].person;
      const open = cs.filter((c) => !decided(c)).length;
      sections.push(el('section', {class: 'person', dataset: {person: k}, 'aria-label': personLabel(p)},
        el('h2', {}, el('span', {text: p.name || ('@' + p.username)}),
          el('span', {class: 'handle', text: (p.username ? '@' + p.username + ' · ' : '') + p.platform}),
          el('span', {class: 'n', text: plural(cs.length, 'candidate') + (open !== cs.length ? ', ' + open + ' to review' : '')})),
        el('ol', {class: 'cands'}, ...cs.map(candidateNode))));
    }
    list.replaceChildren(...sections);
  }

  // --- API ---
  async function api(path, init) {
    const res = await fetch(path, Object.assign({cache: 'no-store', credentials: 'same-origin'}, init || {}));
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON */ }
    if (!res.ok) throw new Error((body && body.error) || ('HTTP ' + res.status));
    return body;
  }
  async function decide(id, status, value, li) {
    const c = state.byId.get(id);
    if (!c) return;
    const buttons = li.querySelectorAll('button, input');
    buttons.forEach((b) => { b.disabled = true; });
    li.setAttribute('aria-busy', 'true');
    try {
      const payload = {candidate_id: id, status};
      if (value !== undefined) payload.value = value;
      const d = await api('/api/decisions', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(payload)});
      c.status = d.status;
      c.decided_at = d.decided_at;
      c.value = d.status === 'edited' ? d.value : c.run_value;
      const fresh = candidateNode(c);
      li.replaceWith(fresh);
      renderCounts();
      toast(STATUS_LABEL[d.status] + ': ' + c.category + ' “' + c.value + '” for ' + personLabel(c.person));
      const next = fresh.nextElementSibling && fresh.nextElementSibling.querySelector('button.accept');
      if (next) next.focus();
    } catch (e) {
      buttons.forEach((b) => { b.disabled = false; });
      li.removeAttribute('aria-busy');
      const err = li.querySelector('.err');
      if (err) err.textContent = 'Not saved: ' + e.message;
      toast('Not saved: ' + e.message, true);
    }
  }
  async function load() {
    const list = $('list');
    list.setAttribute('aria-busy', 'true');
    try {
      const data = await api('/api/candidates');
      state.candidates = data.candidates;
      state.byId = new Map(state.candidates.map((c) => [c.candidate_id, c]));
      syncFilterControls();
      render();
    } catch (e) {
      list.replaceChildren(el('div', {class: 'empty'},
        el('p', {text: 'Could not load the candidates: ' + e.message}),
        el('button', {type: 'button', on: {click: load}}, 'Try again')));
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  }

  readHash();
  for (const id of ['f-category', 'f-person', 'f-decided']) $(id).addEventListener('change', onFilter);
  $('f-score').addEventListener('input', onFilter);
  $('filters').addEventListener('submit', (ev) => ev.preventDefault());
  $('f-clear').addEventListener('click', () => {
    state.f = {category: '', person: '', min: '', decided: false};
    syncFilterControls();
    writeHash();
    render();
  });
  load();
})();
</script>
</body>
</html>
)rapport";

}  // namespace

std::string ReviewPageHtml(std::string_view nonce, std::string_view source) {
  std::string out;
  out.reserve(kHead.size() + kStyle.size() + kBody.size() + kScript.size() + 2 * nonce.size() + source.size() + 64);
  out.append(kHead);
  pipeline::AppendHtmlEscaped(&out, nonce);
  out.append(kStyle);
  pipeline::AppendHtmlEscaped(&out, source);
  out.append(kBody);
  pipeline::AppendHtmlEscaped(&out, nonce);
  out.append(kScript);
  return out;
}

std::string ReviewPageCsp(std::string_view nonce) {
  std::string n(nonce);
  return "default-src 'none'; script-src 'nonce-" + n + "'; style-src 'nonce-" + n +
         "'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
         "require-trusted-types-for 'script'; trusted-types 'none'";
}

}  // namespace rapport::review
