// End-to-end test of `rapport review` in headless Chromium (playwright-core).
//
// Usage: node review_e2e.mjs REVIEW_TEST_SERVER ARTIFACTS_JSONL [SCREENSHOT_DIR]
//
// Starts the driver (tests/review/review_server_main.cc) over a copy of the
// fixture and a fresh state store, then in the browser: loads the page,
// checks that hostile values stay text, filters, accepts one candidate,
// rejects one, edits one, reloads and checks that the three decisions are
// kept, on the page and in the store (GET /api/decisions). Screenshots go to
// SCREENSHOT_DIR (default: the system temp folder).
// Exit codes: 0 passed, 1 failed, 77 skipped (no Chromium or no node_modules).
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, mkdirSync, copyFileSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';

const SKIP = 77;
const CHROMIUM = process.env.RAPPORT_CHROMIUM || '/usr/bin/chromium';
const [driverPath, fixturePath, shotDir = tmpdir()] = process.argv.slice(2);

function skip(why) {
  console.log(`SKIPPED: ${why}`);
  process.exit(SKIP);
}

if (!driverPath || !fixturePath) {
  console.error('usage: node review_e2e.mjs REVIEW_TEST_SERVER ARTIFACTS_JSONL [SCREENSHOT_DIR]');
  process.exit(2);
}
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 18) skip(`node ${process.versions.node} is too old for playwright-core (needs 18 or newer)`);
if (!existsSync(CHROMIUM)) skip(`${CHROMIUM} not found (apt-get install chromium)`);
let chromium;
try {
  ({chromium} = await import('playwright-core'));
} catch (e) {
  skip(`playwright-core not installed (run npm ci in tests/browser): ${e.message}`);
}

let failures = 0;
function check(cond, what) {
  if (cond) {
    console.log(`ok - ${what}`);
  } else {
    failures++;
    console.log(`not ok - ${what}`);
  }
}

// Starts the driver; resolves with {proc, base} once it prints its address.
function startServer(stateDir, artifacts) {
  return new Promise((resolve, reject) => {
    const proc = spawn(driverPath, ['--state', stateDir, '--artifacts', artifacts, '--port', '0'],
                       {stdio: ['pipe', 'pipe', 'inherit']});
    const timer = setTimeout(() => reject(new Error('the server did not start within 15 s')), 15000);
    proc.on('error', (e) => { clearTimeout(timer); reject(e); });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited with ${code}`)); });
    createInterface({input: proc.stdout}).on('line', (line) => {
      const m = /^listening (http:\/\/\S+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        proc.removeAllListeners('exit');
        resolve({proc, base: m[1]});
      }
    });
  });
}

function stopServer(proc) {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve(proc.exitCode);
    proc.on('exit', (code, signal) => resolve(code ?? signal));
    proc.kill('SIGTERM');
  });
}

const work = mkdtempSync(join(tmpdir(), 'rapport-review-e2e-'));
const artifacts = join(work, 'out', 'artifacts.jsonl');
mkdirSync(join(work, 'out'));
copyFileSync(fixturePath, artifacts);
const fixture = readFileSync(fixturePath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const idOf = (value) => fixture.find((a) => a.value === value).candidate_id;
const ACCEPT = idOf('dog: Rover');
const REJECT = idOf('velvet jacket');
const EDIT = idOf('Chicago');
const HOSTILE = 'ffffffffffff0001';

let server;
let context;
try {
  server = await startServer(join(work, 'state'), artifacts);
  console.log(`# server ${server.base}`);
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: {width: 1280, height: 900},
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => { if (!r.url().startsWith(server.base)) problems.push(`external request: ${r.url()}`); });

  const card = (id) => page.locator(`li.cand[data-id="${id}"]`);

  // --- load ---
  const res = await page.goto(server.base, {waitUntil: 'load'});
  check(res.status() === 200, 'the page loads (200)');
  await page.waitForSelector('li.cand');
  check(await page.locator('li.cand').count() === fixture.length, `all ${fixture.length} new candidates are listed`);
  check(await page.locator('section.person').count() === new Set(fixture.map((a) => a.person.id)).size,
        'candidates are grouped per person');
  check((await card(ACCEPT).locator('.evidence li').count()) > 0, 'evidence is shown with the candidate');
  check(/to review/.test(await page.locator('#counts').textContent()), 'counts are shown');

  // --- hostile values stay text ---
  const hostile = fixture.find((a) => a.candidate_id === HOSTILE);
  check(await card(HOSTILE).locator('.value').textContent() === hostile.value, 'a hostile value is shown as text');
  check(await card(HOSTILE).locator('.evidence p').textContent() === hostile.evidence[0].text,
        'hostile evidence is shown as text');
  check(await card(HOSTILE).locator('img, script, svg, b').count() === 0, 'no markup from the data reaches the DOM');
  check(await card(HOSTILE).locator('a').count() === 0, 'a javascript: evidence URL is not linked');
  check(await page.evaluate(() => window.__xss) === undefined, 'no injected script ran');
  await page.locator(`section.person:has(li.cand[data-id="${HOSTILE}"])`).screenshot({path: join(shotDir, 'rapport-review-hostile.png')});

  // --- filters ---
  await page.selectOption('#f-category', 'pet');
  const pets = fixture.filter((a) => a.category === 'pet').length;
  check(await page.locator('li.cand').count() === pets, `category filter shows the ${pets} pets`);
  await page.selectOption('#f-category', '');
  const dana = fixture.find((a) => a.person.username === 'dana_rios').person;
  await page.selectOption('#f-person', `${dana.platform}:${dana.id}`);
  check(await page.locator('li.cand').count() === fixture.filter((a) => a.person.id === dana.id).length,
        'person filter shows one person');
  await page.fill('#f-score', '2.5');
  check(await page.locator('li.cand').count() ===
        fixture.filter((a) => a.person.id === dana.id && a.score >= 2.5).length, 'minimum score filter');
  await page.screenshot({path: join(shotDir, 'rapport-review-filtered.png')});
  await page.click('#f-clear');
  check(await page.locator('li.cand').count() === fixture.length, 'clear filters shows everything again');

  // --- decide: accept one, reject one, edit one ---
  await card(ACCEPT).locator('button.accept').click();
  await page.waitForSelector(`li.cand[data-id="${ACCEPT}"][data-status="accepted"]`);
  check(true, 'accept: the card shows Accepted');
  await card(REJECT).locator('button.reject').click();
  await page.waitForSelector(`li.cand[data-id="${REJECT}"][data-status="rejected"]`);
  check(true, 'reject: the card shows Rejected');
  await card(EDIT).locator('button.edit-btn').click();
  await card(EDIT).locator('form.edit input').fill('Chicago, IL');
  await card(EDIT).locator('form.edit button[type=submit]').click();
  await page.waitForSelector(`li.cand[data-id="${EDIT}"][data-status="edited"]`);
  check(await card(EDIT).locator('.value').textContent() === 'Chicago, IL', 'edit: the new value is shown');
  await page.screenshot({path: join(shotDir, 'rapport-review-decided.png')});

  // An empty edit is refused on the page and never reaches the store.
  const other = idOf('marathon');
  await card(other).locator('button.edit-btn').click();
  await card(other).locator('form.edit input').fill('   ');
  await card(other).locator('form.edit button[type=submit]').click();
  check(/empty/.test(await card(other).locator('.err').textContent()), 'an empty edit is refused');

  // --- reload: the state is kept ---
  await page.reload({waitUntil: 'load'});
  await page.waitForSelector('li.cand');
  check(await page.locator('li.cand').count() === fixture.length - 3, 'after reload, decided candidates are hidden');
  check(await card(ACCEPT).count() === 0 && await card(REJECT).count() === 0, 'accepted and rejected are not listed as new');
  await page.check('#f-decided');
  check(await page.locator('li.cand').count() === fixture.length, '"Show decided" lists everything');
  check(await card(ACCEPT).getAttribute('data-status') === 'accepted', 'after reload: accepted is kept');
  check(await card(REJECT).getAttribute('data-status') === 'rejected', 'after reload: rejected is kept');
  check(await card(EDIT).getAttribute('data-status') === 'edited', 'after reload: edited is kept');
  check(await card(EDIT).locator('.value').textContent() === 'Chicago, IL', 'after reload: the edited value is kept');
  check(/for export/.test(await card(ACCEPT).locator('.badge').first().textContent()), 'accepted is marked for export');
  check(await card(other).getAttribute('data-status') === 'new', 'the refused edit left its candidate new');
  await page.reload({waitUntil: 'load'});
  await page.waitForSelector('li.cand');
  check(await page.isChecked('#f-decided'), 'filters survive a reload (URL fragment)');
  await page.screenshot({path: join(shotDir, 'rapport-review.png')});
  await page.screenshot({path: join(shotDir, 'rapport-review-full.png'), fullPage: true});

  // --- the store has them ---
  const stored = await (await fetch(`${server.base}api/decisions`)).json();
  const byId = Object.fromEntries(stored.decisions.map((d) => [d.candidate_id, d]));
  check(stored.decisions.length === 3, 'the store holds 3 decisions');
  check(byId[ACCEPT]?.status === 'accepted', 'store: accepted');
  check(byId[REJECT]?.status === 'rejected', 'store: rejected');
  check(byId[EDIT]?.status === 'edited' && byId[EDIT]?.value === 'Chicago, IL', 'store: edited with its value');

  // --- a cross-site POST is refused ---
  const csrf = await fetch(`${server.base}api/decisions`, {method: 'POST',
    headers: {'Content-Type': 'application/json', 'Origin': 'http://evil.example'},
    body: JSON.stringify({candidate_id: other, status: 'rejected'})});
  check(csrf.status === 403, 'a POST from another origin gets 403');

  check(problems.length === 0, `no page errors, dialogs or external requests${problems.length ? ': ' + problems.join('; ') : ''}`);
  console.log(`# screenshots: ${join(shotDir, 'rapport-review.png')} ${join(shotDir, 'rapport-review-full.png')} ` +
              `${join(shotDir, 'rapport-review-filtered.png')} ${join(shotDir, 'rapport-review-decided.png')} ` +
              `${join(shotDir, 'rapport-review-hostile.png')}`);
} catch (e) {
  failures++;
  console.log(`not ok - ${e.stack || e}`);
} finally {
  if (context) await context.close().catch(() => {});
  if (server) {
    const code = await stopServer(server.proc);
    check(code === 0, `the server stops cleanly on SIGTERM (exit ${code})`);
  }
  rmSync(work, {recursive: true, force: true});
}
console.log(failures ? `FAILED: ${failures} check(s)` : 'PASSED');
process.exit(failures ? 1 : 0);
