// The display pages: follow a view over the websocket (snapshot, then merge patches),
// count down locally against the server's clock, show when the connection is lost,
// reconnect with backoff and resync. No build step, no internet.
"use strict";

const params = new URLSearchParams(location.search);
const LANG = params.get("lang") === "en" ? "en" : "pl";
const TOKEN = params.get("token") || "";
const VIEW = document.body.dataset.view;
const HEARTBEAT_MS = 5000;
const SILENCE_MS = 12000;
const SILENCE_CHECK_MS = 1000;
// the overlay's options, for the stream operator (docs/overlay.md)
const OVERLAY = {
  // `tally=0` hides an open vote's live tally on this source even where the council shows
  // it (the council's setting, `live_tally` in the view, decides for every overlay)
  tally: params.get("tally") !== "0",
  position: /^(top|bottom)-(left|center|right)$/.test(params.get("position") || "")
    ? params.get("position") : "bottom-left",
  scale: Math.min(3, Math.max(0.5, Number(params.get("size")) || 1)),
  background: /^[0-9a-fA-F]{6}$/.test(params.get("bg") || "") ? `#${params.get("bg")}` : "",
  resultMs: 1000 * Math.min(600, Math.max(0, Number(params.get("result_s") ?? 30) || 0)),
};

const WORDS = {
  pl: { speaker: "Przemawia", present: "Obecni", quorum: "kworum", quorumYes: "jest",
        quorumNo: "brak", needed: "wymagane", vote: "Głosowanie nr", open: "trwa",
        closed: "zakończone", cancelled: "anulowane", yes: "ZA", no: "PRZECIW",
        abstain: "WSTRZ.", pending: "czeka", not_voting: "nie głosował(-a)", absent: "nieobecny(-a)",
        recused: "wyłączony(-a)", unknown: "brak danych",
        adopted: "PRZYJĘTO", rejected: "ODRZUCONO", invalid: "NIEWAŻNE",
        timeLeft: "Czas na głos", timeOver: "Czas na głosowanie minął",
        lost: "Brak połączenia z serwerem — ponawiam…", asOf: "stan z", denied: "Brak dostępu: zły token w adresie strony.",
        noSitting: "Sesja nie jest otwarta.", noItem: "Oczekiwanie na rozpoczęcie obrad",
        guest: "gość", item: "pkt", paused: "wstrzymano", print: "druk nr",
        secret: "głosowanie tajne", summary: "głosowanie zbiorcze", closedSitting: "Sesja zamknięta.",
        closedMeeting: "Posiedzenie zamknięte.", chair: "przewodniczący(-a) obrad",
        compact: (members, page, pages) => `Widok skrócony, członków: ${members} — wyniki klubów, lista imienna: strona ${page} z ${pages}`,
        club: "Klub", noClub: "bez klubu",
        counted: { yes: "za", no: "przeciw", abstain: "wstrzymało się", pending: "czeka",
                   not_voting: "nie głosowało", absent: "nieobecni", recused: "wyłączeni",
                   unknown: "brak danych" },
        title: { chamber: "Sesja — ekran sali", overlay: "Sesja — nakładka" },
        meetingTitle: { chamber: "Posiedzenie — ekran sali", overlay: "Posiedzenie — nakładka" } },
  en: { speaker: "Speaking", present: "Present", quorum: "quorum", quorumYes: "yes",
        quorumNo: "no", needed: "needed", vote: "Vote no.", open: "open", closed: "closed",
        cancelled: "cancelled", yes: "YES", no: "NO", abstain: "ABSTAIN", pending: "waiting",
        not_voting: "did not vote", absent: "absent", recused: "recused", unknown: "no data",
        adopted: "ADOPTED",
        rejected: "REJECTED", invalid: "INVALID", lost: "Connection to the server lost — retrying…",
        timeLeft: "Time to vote", timeOver: "The voting time is over",
        asOf: "as of",
        denied: "Access denied: wrong token in the page address.", noSitting: "No sitting is open.",
        noItem: "Waiting for the sitting to begin", guest: "guest", item: "item",
        paused: "paused", print: "print no.", secret: "secret ballot", summary: "summary vote",
        closedSitting: "The sitting is closed.", closedMeeting: "The meeting is closed.",
        chair: "chair",
        compact: (members, page, pages) => `Compact view: ${members} members — results by club, named list: page ${page} of ${pages}`,
        club: "Club", noClub: "no club",
        counted: { yes: "yes", no: "no", abstain: "abstain", pending: "waiting",
                   not_voting: "did not vote", absent: "absent", recused: "recused",
                   unknown: "no data" },
        title: { chamber: "Sitting — chamber screen", overlay: "Sitting — overlay" },
        meetingTitle: { chamber: "Meeting — chamber screen", overlay: "Meeting — overlay" } },
};
const T = WORDS[LANG];
const SYMBOL = { yes: "✓", no: "✗", abstain: "–", pending: "…", not_voting: "○", absent: "∅",
                 recused: "⊘", unknown: "?" };

const $ = (id) => document.getElementById(id);
document.documentElement.lang = LANG;
document.title = T.title[VIEW];
if (VIEW === "overlay") {
  document.body.dataset.position = OVERLAY.position;
  document.body.style.setProperty("--scale", String(OVERLAY.scale));
  if (OVERLAY.background) document.body.style.background = OVERLAY.background;
}
for (const node of document.querySelectorAll("[data-t]")) node.textContent = T[node.dataset.t];

// --- state -------------------------------------------------------------------------
// Time is taken from performance.now(), which never steps: a wall clock corrected by NTP
// must neither look like a silent server nor move a countdown.
let view = null;
let seq = -1;
let clockOffset = 0;  // the server's clock minus performance.now(), ms
let socket = null;
let lastHeard = 0;  // performance.now() of the last frame
let shownAt = null;  // the wall-clock time of the last frame, said while the line is lost
let resyncing = false;  // a resync was asked for; patches wait for its snapshot
let serverSaid = "";  // the last error frame's words, said if the server then closes
let retry = 0;

function serverNow() { return performance.now() + clockOffset; }

function mergePatch(target, patch) {  // RFC 7386
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  // no prototype: a key such as "__proto__" (a valid member id) stays a plain key
  const base = (target && typeof target === "object" && !Array.isArray(target)) ? target : {};
  const result = Object.assign(Object.create(null), base);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

// --- connection ----------------------------------------------------------------------
function showLost(text) {
  const since = shownAt ? ` · ${T.asOf} ${shownAt.toTimeString().slice(0, 8)}` : "";
  $("lost").textContent = text + (view ? since : "");
  $("lost").hidden = false;
  document.body.dataset.connection = "lost";
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const current = new WebSocket(`${scheme}://${location.host}/ws`);
  socket = current;
  lastHeard = performance.now();  // a handshake that hangs counts as silence too
  current.onopen = () => {
    lastHeard = performance.now();
    current.send(JSON.stringify({ type: "hello", v: 1, role: VIEW === "public" ? "public" : "display",
                                  token: TOKEN, view: VIEW }));
  };
  current.onmessage = (event) => {
    lastHeard = performance.now();
    shownAt = new Date();
    receive(JSON.parse(event.data));
  };
  current.onclose = (event) => lost(event.code);
}

// The socket closed, or went silent: a silent one may take a minute to finish closing
// (the browser waits for the server's answer), so it is forgotten at once, not awaited.
function lost(code) {
  const old = socket;
  socket = null;
  if (old) { old.onopen = old.onmessage = old.onclose = null; old.close(); }
  if (code === 4001) { showLost(T.denied); return; }
  showLost(serverSaid ? `${T.lost} (${serverSaid})` : T.lost);
  serverSaid = "";
  const delay = Math.min(10000, 500 * 2 ** retry) * (0.75 + Math.random() / 2);
  retry += 1;
  setTimeout(connect, delay);
}

function receive(message) {
  if (typeof message.now === "number") clockOffset = message.now - performance.now();
  if (message.type !== "error") serverSaid = "";  // the server went on: it was not closing
  if (message.type === "snapshot") {
    view = message.data; seq = message.seq; retry = 0; resyncing = false;
    $("lost").hidden = true; document.body.dataset.connection = "live";
    render();
  } else if (message.type === "patch") {
    if (message.seq !== seq + 1) { resync(); return; }
    view = mergePatch(view, message.patch); seq = message.seq;
    render();
  } else if (message.type === "error") {
    serverSaid = LANG === "en" ? message.message_en : message.message;
  }
  document.body.dataset.seq = String(seq);
}

function resync() {  // once: the patches after a gap wait for the snapshot it brings
  if (resyncing || !socket) return;
  resyncing = true;
  socket.send(JSON.stringify({ type: "resync" }));
}

function live() { return document.body.dataset.connection === "live"; }

setInterval(() => {
  if (socket && performance.now() - lastHeard > SILENCE_MS) lost();
}, SILENCE_CHECK_MS);

setInterval(() => {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify({ type: "ping", t: Date.now() }));
  }
}, HEARTBEAT_MS);

// --- rendering -------------------------------------------------------------------------
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function clock(ms) {
  const negative = ms < 0;
  const total = Math.ceil(Math.abs(ms) / 1000);
  const text = `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
  return negative ? `−${text}` : text;
}

function renderCountdown() {
  const speaker = view && view.speaker;
  const node = $("countdown");
  if (!speaker) return;
  const spent = speaker.elapsed_ms + (speaker.running_since ? serverNow() - speaker.running_since : 0);
  const shown = speaker.limit_s ? speaker.limit_s * 1000 - spent : spent;
  node.textContent = clock(shown) + (speaker.status === "paused" ? ` (${T.paused})` : "");
  node.classList.toggle("over", speaker.limit_s > 0 && shown < 0);
}

function renderSpeaker() {
  const speaker = view.speaker;
  $("speaker").hidden = !speaker;
  if (!speaker) return;
  $("speaker-name").textContent = speaker.name;
  const said = [speaker.chair ? T.chair : "", speaker.club || (speaker.guest ? T.guest : "")];
  $("speaker-club").textContent = said.filter(Boolean).join(" · ");
  renderCountdown();
}

function resultNode(result, tag) {
  const node = el(tag || "div");
  node.append(el("span", "outcome", T[result.outcome]),
              el("span", "why", LANG === "en" ? result.reason_en : result.reason_pl));
  return node;
}

function countNodes(counts) {
  return ["yes", "no", "abstain"].map((key) => el("span", key, `${T[key]} ${counts[key]}`));
}

function renderTally(vote) {
  $("tally").replaceChildren(...countNodes(vote.tally));
}

// an open vote's voting time, counted down to the server's deadline by the server's clock
// (as the devices count it): the server refuses device answers after it, not this screen
function renderVoteTimer() {
  const vote = view && view.vote;
  const node = $("vote-timer");
  const running = Boolean(vote && vote.deadline && vote.status === "open");
  node.hidden = !running;
  if (!running) { delete node.dataset.state; return; }
  const left = vote.deadline - serverNow();
  const over = left <= 0;
  node.textContent = over ? T.timeOver : `${T.timeLeft}: ${clock(left)}`;
  node.dataset.state = over ? "over" : "running";
  node.classList.toggle("over", over);
}

// --- the chamber's grid: columns and tile text size picked to fill the space -----------
// Every tile is laid out as live.css wraps it (its name's words, then its answer), so the
// page can tell, for each column count, the largest text at which every tile fits.
const GRID_MAX = 60;  // up to this many members the whole named grid is on screen
const PAGE_SIZE = 30;  // above it, a compact view: counts per club, the grid in pages
// how long a page of the compact view's named list stays: `&page_s=` (0 = it turns only
// when told, e.g. by a test), 8 s by default
const PAGE_MS = 1000 * Math.min(600, Math.max(0, Number(params.get("page_s") ?? 8) || 0));
const LINE = 1.15;  // the tiles' line height and spacing, in em, as in live.css
const WORD_GAP = 0.28;
const PAD_X = 0.22 + 0.16 + 0.14;
const PAD_Y = 0.24;
const SAFETY = 0.985;  // measured text and laid-out text differ by a pixel here and there
const ANSWERABLE = ["yes", "no", "abstain", "pending"];
const widths = new Map();
let measurer = null;
let page = 0;
let fitted = { key: "", tiles: [], shown: 0 };

function answerLabel(answer) { return `${SYMBOL[answer] || ""} ${T[answer] || answer}`; }

function textWidth(text, bold) {  // in em of the grid's font
  const key = (bold ? "b" : "n") + text;
  if (!widths.has(key)) {
    measurer = measurer || document.createElement("canvas").getContext("2d");
    measurer.font = `${bold ? "bold " : ""}100px ${getComputedStyle($("grid")).fontFamily}`;
    widths.set(key, measurer.measureText(text).width / 100);
  }
  return widths.get(key);
}

// what a tile must hold: its name's words and the widest answer it may still show
function tileNeeds(member, open) {
  const shown = textWidth(answerLabel(member.answer), true);
  const answer = open ? Math.max(shown, ...ANSWERABLE.map((a) => textWidth(answerLabel(a), true)))
                      : shown;
  return { words: member.name.split(/\s+/).filter(Boolean).map((w) => textWidth(w, false)),
           answer };
}

function lineCount(tile, inner) {  // greedy, as flex-wrap places the words; inner in em
  let lines = 1;
  let used = -WORD_GAP;
  for (const width of [...tile.words, tile.answer]) {
    if (width > inner) return Infinity;
    if (used + WORD_GAP + width <= inner) used += WORD_GAP + width;
    else { lines += 1; used = width; }
  }
  return lines;
}

// the lines of each row: rows are as tall as their tallest tile; a paged grid shows other
// tiles on other pages, so there every row is planned for the tallest tile of all
function rowLines(tiles, shown, cols, inner) {
  const lines = tiles.map((tile) => lineCount(tile, inner));
  if (shown < tiles.length) return Array(Math.ceil(shown / cols)).fill(Math.max(...lines));
  const rows = [];
  lines.forEach((count, index) => {
    const row = Math.floor(index / cols);
    rows[row] = Math.max(rows[row] || 0, count);
  });
  return rows;
}

function rowsHeight(rows) {  // in em
  return rows.reduce((sum, lines) => sum + lines * LINE + PAD_Y, 0);
}

function bestLayout(tiles, shown, width, height, gap, cap) {
  let best = { font: 0, cols: 1 };
  for (let cols = 1; cols <= shown; cols += 1) {
    const rows = Math.ceil(shown / cols);
    const tileWidth = (width - (cols - 1) * gap) / cols;
    const free = height - (rows - 1) * gap;
    if (tileWidth <= 0 || free <= 0) break;
    const fits = (font) => rowsHeight(rowLines(tiles, shown, cols, tileWidth / font - PAD_X))
                           <= free / font;
    if (best.font > 0 && !fits(best.font)) continue;
    let low = best.font;
    let high = cap;
    for (let step = 0; step < 16; step += 1) {
      const middle = (low + high) / 2;
      if (fits(middle)) low = middle; else high = middle;
    }
    if (low > best.font) best = { font: low, cols, tileWidth };
  }
  return best;
}

function fitGrid(tiles, shown) {
  const box = $("grid-box");
  const grid = $("grid");
  const vmin = Math.min(innerWidth, innerHeight);
  const gap = Math.max(3, Math.round(vmin * 0.007));
  const key = `${box.clientWidth}x${box.clientHeight}:${shown}:${tiles.map(
    (tile) => `${tile.words.join(",")}/${tile.answer}`).join(";")}`;
  fitted = { key: fitted.key, tiles, shown };
  if (key === fitted.key || !shown) return;
  fitted.key = key;
  const best = bestLayout(tiles, shown, box.clientWidth, box.clientHeight, gap, vmin * 0.085);
  if (!best.font) return;  // no room yet (the box is hidden): its resize brings a new fit
  const font = Math.floor(best.font * SAFETY * 10) / 10;
  const rows = rowLines(tiles, shown, best.cols, best.tileWidth / font - PAD_X);
  grid.style.setProperty("--cols", String(best.cols));
  grid.style.setProperty("--rows", rows.map((lines) => `minmax(0, ${lines * LINE + PAD_Y}fr)`)
    .join(" "));
  grid.style.setProperty("--gap", `${gap}px`);
  grid.style.setProperty("--tile-font", `${font}px`);
  grid.dataset.cols = String(best.cols);
}

if (VIEW === "chamber") {
  new ResizeObserver(() => fitGrid(fitted.tiles, fitted.shown)).observe($("grid-box"));
}

function pageCount(members) { return members > GRID_MAX ? Math.ceil(members / PAGE_SIZE) : 1; }

function showPage(vote) {
  const members = vote.order.length;
  const pages = pageCount(members);
  const size = Math.ceil(members / pages);
  page %= pages;
  $("grid").querySelectorAll("li").forEach((tile, index) => {
    tile.hidden = Math.floor(index / size) !== page;
  });
  $("compact").hidden = pages === 1;
  $("compact").textContent = pages === 1 ? "" : T.compact(members, page + 1, pages);
  return size;
}

function turnPage() {
  const vote = view && view.vote;
  if (!vote || !vote.grid || pageCount(vote.order.length) === 1) return;
  page += 1;
  showPage(vote);
}

function renderClubs(vote, compact) {
  const table = $("clubs");
  table.hidden = !compact;
  if (!compact) { table.replaceChildren(); return; }
  const clubs = new Map();
  const kinds = new Set(["yes", "no", "abstain"]);
  for (const id of vote.order) {
    const member = vote.grid[id];
    const club = member.club || T.noClub;
    if (!clubs.has(club)) clubs.set(club, {});
    const counts = clubs.get(club);
    counts[member.answer] = (counts[member.answer] || 0) + 1;
    kinds.add(member.answer);
  }
  const columns = Object.keys(T.counted).filter((kind) => kinds.has(kind));
  const head = el("tr");
  head.append(el("th", "", T.club), ...columns.map((kind) => el("th", kind, T.counted[kind])));
  for (const cell of head.children) cell.scope = "col";
  const rows = [...clubs].sort((a, b) => a[0].localeCompare(b[0], "pl")).map(([club, counts]) => {
    const row = el("tr");
    const name = el("th", "", club);
    name.scope = "row";
    row.append(name, ...columns.map((kind) => el("td", kind, String(counts[kind] || 0))));
    return row;
  });
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  tbody.append(...rows);
  table.replaceChildren(thead, tbody);
}

function renderGrid(vote) {
  const grid = $("grid");
  $("grid-box").hidden = !vote.grid;
  if (!vote.grid) {
    grid.replaceChildren();
    $("compact").hidden = true;
    renderClubs(vote, false);
    return;
  }
  const open = vote.status === "open";
  const tiles = vote.order.map((id) => {
    const member = vote.grid[id];
    const tile = el("li", member.answer);
    tile.dataset.member = id;
    const who = el("span", "who");
    const words = member.name.split(/\s+/).filter(Boolean).map((word) => el("span", "word", word));
    words.forEach((word, index) => who.append(...(index ? [" ", word] : [word])));
    tile.append(who, el("span", "answer", answerLabel(member.answer)));
    return tile;
  });
  grid.replaceChildren(...tiles);
  renderClubs(vote, pageCount(tiles.length) > 1);
  const shown = showPage(vote);
  fitGrid(vote.order.map((id) => tileNeeds(vote.grid[id], open)), shown);
}

function renderChamber() {
  const sitting = view.sitting;
  if (sitting) document.title = (sitting.committee ? T.meetingTitle : T.title)[VIEW];
  $("council").textContent = sitting ? sitting.council : (view.council || "");
  const label = sitting ? (LANG === "en" ? sitting.label_en : sitting.label_pl) : "";
  $("sitting").textContent = sitting
    ? [label.charAt(0).toUpperCase() + label.slice(1), sitting.date, sitting.place]
      .filter(Boolean).join(" · ") : "";
  const idle = $("idle");
  idle.hidden = Boolean(sitting && !sitting.closed && (view.item || view.vote || view.speaker));
  idle.textContent = !sitting ? T.noSitting
    : sitting.closed ? (sitting.committee ? T.closedMeeting : T.closedSitting) : T.noItem;
  const attendance = view.attendance;
  const box = $("attendance");
  box.replaceChildren();
  if (attendance) {
    box.append(el("div", "", `${T.present}: ${attendance.present} / ${attendance.statutory}`),
               el("div", attendance.quorum ? "quorum-yes" : "quorum-no",
                  `${T.quorum}: ${attendance.quorum ? T.quorumYes : T.quorumNo} (${T.needed} ${attendance.quorum_needed})`));
  }
  const item = $("item");
  item.replaceChildren();
  if (view.item) {
    item.append(el("span", "number", `${view.item.number}.`), el("span", "title", view.item.title));
    if (view.item.print_number) item.append(el("div", "sub", `${T.print} ${view.item.print_number}`));
  }
  renderSpeaker();
  const vote = view.vote;
  $("vote").hidden = !vote;
  item.hidden = Boolean(vote);  // the vote's head names it: the grid gets its line
  document.body.classList.toggle("voting", Boolean(vote));
  if (!vote) return;
  const mode = vote.mode === "secret" ? ` · ${T.secret}` : vote.mode === "summary" ? ` · ${T.summary}` : "";
  const about = view.item ? ` · ${T.item} ${view.item.number}. ${view.item.title}` : "";
  $("vote-head").textContent = `${T.vote} ${vote.number} — ${T[vote.status]}${mode}${about}`;
  $("vote-subject").textContent = vote.subject;
  $("vote-rule").textContent = LANG === "en" ? vote.rule_en : vote.rule_pl;
  $("vote").classList.toggle("done", Boolean(vote.result));
  renderTally(vote);
  renderVoteTimer();
  $("result").hidden = !vote.result;
  if (vote.result) $("result").replaceChildren(resultNode(vote.result, "div"));
  renderGrid(vote);
}

// --- the overlay: a lower third of what is happening now ---------------------------------
function renderVoteBar(vote) {
  const bar = $("vote-bar");
  bar.hidden = !(OVERLAY.tally && view.live_tally !== false && vote && vote.status === "open");
  if (bar.hidden) return;
  const counts = el("div", "counts");
  if (vote.named) counts.append(...countNodes(vote.tally));
  bar.replaceChildren(el("span", "head", `${T.vote} ${vote.number}`),
                      el("span", "subject", vote.subject), counts);
}

function renderOverlay() {
  const sitting = view.sitting;
  if (sitting) document.title = (sitting.committee ? T.meetingTitle : T.title)[VIEW];
  renderSpeaker();
  const vote = view.vote;
  renderVoteBar(vote);
  const bar = $("result");
  const fresh = vote && vote.result && serverNow() - vote.closed_at < OVERLAY.resultMs;
  bar.hidden = !fresh;
  if (!fresh) return;
  bar.className = `result-bar ${vote.result.outcome}`;
  const counts = el("div", "counts");
  counts.append(...countNodes(vote.result));
  bar.replaceChildren(el("span", "outcome", T[vote.result.outcome]),
                      el("span", "subject", vote.subject), counts);
}

function render() {
  if (!view) return;
  if (VIEW === "overlay") renderOverlay(); else renderChamber();
}

// while the line is lost the screen keeps what it last knew, dimmed and stamped with its
// time, and the countdown stands still: a speech may have ended since
setInterval(() => {
  if (!view || !live()) return;
  renderCountdown();
  if (VIEW === "overlay") renderOverlay(); else renderVoteTimer();
}, 250);
if (PAGE_MS > 0) setInterval(turnPage, PAGE_MS);
connect();
