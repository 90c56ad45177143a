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
const RESULT_ON_OVERLAY_MS = 30000;

const WORDS = {
  pl: { speaker: "Przemawia", present: "Obecni", quorum: "kworum", quorumYes: "jest",
        quorumNo: "brak", needed: "wymagane", vote: "Głosowanie nr", open: "trwa",
        closed: "zakończone", cancelled: "anulowane", yes: "ZA", no: "PRZECIW",
        abstain: "WSTRZ.", pending: "czeka", not_voting: "nie głosował(-a)", absent: "nieobecny(-a)",
        recused: "wyłączony(-a)", adopted: "PRZYJĘTO", rejected: "ODRZUCONO", invalid: "NIEWAŻNE",
        lost: "Brak połączenia z serwerem — ponawiam…", asOf: "stan z", denied: "Brak dostępu: zły token w adresie strony.",
        noSitting: "Sesja nie jest otwarta.", noItem: "Oczekiwanie na rozpoczęcie obrad",
        sitting: "sesja", guest: "gość", paused: "wstrzymano", print: "druk nr",
        secret: "głosowanie tajne", summary: "głosowanie zbiorcze", closedSitting: "Sesja zamknięta.",
        title: { chamber: "Sesja — ekran sali", overlay: "Sesja — nakładka" } },
  en: { speaker: "Speaking", present: "Present", quorum: "quorum", quorumYes: "yes",
        quorumNo: "no", needed: "needed", vote: "Vote no.", open: "open", closed: "closed",
        cancelled: "cancelled", yes: "YES", no: "NO", abstain: "ABSTAIN", pending: "waiting",
        not_voting: "did not vote", absent: "absent", recused: "recused", adopted: "ADOPTED",
        rejected: "REJECTED", invalid: "INVALID", lost: "Connection to the server lost — retrying…",
        asOf: "as of",
        denied: "Access denied: wrong token in the page address.", noSitting: "No sitting is open.",
        noItem: "Waiting for the sitting to begin", sitting: "sitting", guest: "guest",
        paused: "paused", print: "print no.", secret: "secret ballot", summary: "summary vote",
        closedSitting: "The sitting is closed.",
        title: { chamber: "Sitting — chamber screen", overlay: "Sitting — overlay" } },
};
const T = WORDS[LANG];
const SYMBOL = { yes: "✓", no: "✗", abstain: "–", pending: "…", not_voting: "○", absent: "∅",
                 recused: "⊘" };

const $ = (id) => document.getElementById(id);
document.documentElement.lang = LANG;
document.title = T.title[VIEW];
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
  $("speaker-club").textContent = speaker.club || (speaker.guest ? T.guest : "");
  renderCountdown();
}

function resultNode(result, tag) {
  const node = el(tag || "div");
  node.append(el("span", "outcome", T[result.outcome]),
              el("span", "why", LANG === "en" ? result.explanation_en : result.explanation_pl));
  return node;
}

function renderTally(vote) {
  const tally = $("tally");
  tally.replaceChildren();
  for (const key of ["yes", "no", "abstain"]) {
    tally.append(el("span", key, `${T[key]} ${vote.tally[key]}`));
  }
}

function renderGrid(vote) {
  const grid = $("grid");
  if (!vote.grid) { grid.replaceChildren(); return; }
  const tiles = vote.order.map((id) => {
    const member = vote.grid[id];
    const tile = el("li", member.answer);
    tile.dataset.member = id;
    tile.append(el("span", "who", member.name),
                el("span", "answer", `${SYMBOL[member.answer] || ""} ${T[member.answer] || member.answer}`));
    return tile;
  });
  grid.dataset.density = tiles.length > 60 ? "denser" : tiles.length > 30 ? "dense" : "";
  grid.replaceChildren(...tiles);
}

function renderChamber() {
  const sitting = view.sitting;
  $("council").textContent = sitting ? sitting.council : (view.council || "");
  $("sitting").textContent = sitting
    ? `${sitting.number} ${T.sitting} · ${sitting.date}${sitting.place ? " · " + sitting.place : ""}` : "";
  const idle = $("idle");
  idle.hidden = Boolean(sitting && !sitting.closed && (view.item || view.vote || view.speaker));
  idle.textContent = !sitting ? T.noSitting : sitting.closed ? T.closedSitting : T.noItem;
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
  if (!vote) return;
  const mode = vote.mode === "secret" ? ` · ${T.secret}` : vote.mode === "summary" ? ` · ${T.summary}` : "";
  $("vote-head").textContent = `${T.vote} ${vote.number} — ${T[vote.status]}${mode}`;
  $("vote-subject").textContent = vote.subject;
  $("vote-rule").textContent = LANG === "en" ? vote.rule_en : vote.rule_pl;
  renderTally(vote);
  $("result").hidden = !vote.result;
  if (vote.result) $("result").replaceChildren(resultNode(vote.result, "div"));
  renderGrid(vote);
}

function renderOverlay() {
  renderSpeaker();
  const vote = view.vote;
  const bar = $("result");
  const fresh = vote && vote.result && serverNow() - vote.closed_at < RESULT_ON_OVERLAY_MS;
  bar.hidden = !fresh;
  if (!fresh) return;
  bar.className = `result-bar ${vote.result.outcome}`;
  const counts = `${T.yes} ${vote.result.yes} · ${T.no} ${vote.result.no} · ${T.abstain} ${vote.result.abstain}`;
  bar.replaceChildren(el("span", "outcome", T[vote.result.outcome]), el("span", "subject", vote.subject),
                      el("div", "counts", counts));
}

function render() {
  if (!view) return;
  if (VIEW === "overlay") renderOverlay(); else renderChamber();
}

// while the line is lost the screen keeps what it last knew, dimmed and stamped with its
// time, and the countdown stands still: a speech may have ended since
setInterval(() => { if (view && live()) { renderCountdown(); if (VIEW === "overlay") renderOverlay(); } }, 250);
connect();
