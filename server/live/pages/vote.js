// The members' voting page: one councillor's device. Says hello as the `member` role with
// the personal code (from ?code= or typed), follows its own view (snapshot + merge
// patches), sends answers and shows one as recorded only after the server's `recorded`
// (sent after the durable write). Reconnects with backoff. No build step, no internet.
"use strict";

const params = new URLSearchParams(location.search);
const LANG = params.get("lang") === "en" ? "en" : "pl";
const WORDS = {
  pl: {
    title: "Sesja — głosowanie", code_label: "Kod urządzenia", login: "Połącz",
    check_in: "Zgłaszam obecność", other_lang: "English", other_href: "en",
    vote_no: (n) => `Głosowanie nr ${n}`, open: "trwa — oddaj głos", closed: "zamknięte",
    cancelled: "unieważnione", yes: "ZA", no: "PRZECIW", abstain: "WSTRZYMUJĘ SIĘ",
    recorded: (a, t) => `Zapisano Twój głos: ${a} (o ${t}).`,
    recorded_console: (a, t) => `Sekretarz zapisał Twój głos: ${a} (o ${t}).`,
    sending: "Wysyłanie… (głos nie jest jeszcze zapisany)",
    final_note: "Oddanego głosu nie można zmienić.",
    left: (s) => `Pozostało ${s} s`, time_over: "Czas na głosowanie minął.",
    recused: "Jesteś wyłączony(-a) z tego głosowania.",
    absent: "Nie jesteś na liście obecności — nie możesz głosować. Zgłoś się do sekretarza.",
    not_electronic: "To głosowanie nie odbywa się na urządzeniach.",
    no_vote: "Nie trwa żadne głosowanie.", no_sitting: "Sesja nie jest otwarta.",
    adopted: "Przyjęto", rejected: "Odrzucono", invalid: "Nieważne",
    counts: (r) => `za ${r.yes}, przeciw ${r.no}, wstrzymało się ${r.abstain}`,
    your: (a) => `Twój głos: ${a}`,
    finals: {yes: "za", no: "przeciw", abstain: "wstrzymał(a) się", not_voting: "nie głosował(a)",
             absent: "nieobecny(-a)", recused: "wyłączony(-a)", unknown: "brak danych"},
    lost: "Brak połączenia z serwerem — łączę ponownie…",
    bad_code: "Ten kod nie działa (błędny albo unieważniony). Poproś sekretarza o nowy.",
    member: (name) => `Radny(-a): ${name}`, item: (n, t) => `Punkt ${n}. ${t}`,
  },
  en: {
    title: "Sitting — voting", code_label: "Device code", login: "Connect",
    check_in: "I am present", other_lang: "Polski", other_href: "pl",
    vote_no: (n) => `Vote no. ${n}`, open: "open — cast your vote", closed: "closed",
    cancelled: "cancelled", yes: "YES", no: "NO", abstain: "ABSTAIN",
    recorded: (a, t) => `Your vote is recorded: ${a} (at ${t}).`,
    recorded_console: (a, t) => `The secretary recorded your vote: ${a} (at ${t}).`,
    sending: "Sending… (the vote is not recorded yet)",
    final_note: "A cast vote cannot be changed.",
    left: (s) => `${s} s left`, time_over: "The voting time is over.",
    recused: "You are recused from this vote.",
    absent: "You are not checked in, so you cannot vote. Ask the secretary.",
    not_electronic: "This vote is not taken on devices.",
    no_vote: "No vote is open.", no_sitting: "No sitting is open.",
    adopted: "Adopted", rejected: "Rejected", invalid: "Invalid",
    counts: (r) => `yes ${r.yes}, no ${r.no}, abstain ${r.abstain}`,
    your: (a) => `Your vote: ${a}`,
    finals: {yes: "yes", no: "no", abstain: "abstained", not_voting: "did not vote",
             absent: "absent", recused: "recused", unknown: "no data"},
    lost: "No connection to the server — reconnecting…",
    bad_code: "This code does not work (wrong or revoked). Ask the secretary for a new one.",
    member: (name) => `Member: ${name}`, item: (n, t) => `Item ${n}. ${t}`,
  },
};
const T = WORDS[LANG];
const $ = (id) => document.getElementById(id);

let code = (params.get("code") || "").trim().toUpperCase();
let socket = null, view = null, seq = 0, offset = 0, backoff = 500, serial = 0;
let pending = null;  // the id of an answer sent and not yet recorded or refused
let lastRecorded = "";

function mergePatch(target, patch) {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out = (target && typeof target === "object" && !Array.isArray(target)) ? {...target} : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key]; else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function clock(ms) {
  return new Date(ms).toLocaleTimeString(LANG === "en" ? "en-GB" : "pl-PL");
}

function show(id, on) { $(id).hidden = !on; }

function translateStatic() {
  document.documentElement.lang = LANG;
  document.title = T.title;
  for (const node of document.querySelectorAll("[data-t]")) node.textContent = T[node.dataset.t];
  for (const button of document.querySelectorAll(".answer")) {
    button.textContent = T[button.dataset.answer];
  }
  const other = new URLSearchParams(location.search);
  other.set("lang", T.other_href);
  const link = $("lang");
  link.href = `?${other.toString()}`;
  link.textContent = T.other_lang;
  link.lang = T.other_href;
}

function remainingMs(vote) {
  if (!vote.time_limit_s || vote.status !== "open") return null;
  return vote.opened_at + vote.time_limit_s * 1000 - (Date.now() + offset);
}

function renderVote(data) {
  const vote = data.vote;
  const state = $("state");
  let note = "";
  if (data.presence === "absent" && !(vote && vote.answer)) note = T.absent;
  show("check-in", data.presence === "absent" && data.rules && data.rules.self_check_in);
  if (!vote) {
    state.textContent = note || T.no_vote;
    show("state", true);
    show("vote", false);
    return;
  }
  show("vote", true);
  $("vote-head").textContent = `${T.vote_no(vote.number)} · ${T[vote.status] || vote.status}`;
  $("vote-subject").textContent = vote.subject;
  const electronic = vote.mode === "electronic";
  if (vote.recused) note = T.recused;
  else if (!electronic && vote.status === "open") note = T.not_electronic;
  state.textContent = note;
  show("state", Boolean(note));
  const left = remainingMs(vote);
  const final = Boolean(vote.answer) && data.rules && data.rules.changeable === false;
  const canPress = electronic && vote.status === "open" && !vote.recused
    && data.presence === "present" && !final && (left === null || left > 0) && !pending;
  show("buttons", electronic && vote.status === "open" && !vote.recused
    && data.presence === "present");
  for (const button of document.querySelectorAll(".answer")) {
    button.disabled = !canPress;
    button.setAttribute("aria-pressed", String(vote.answer === button.dataset.answer));
  }
  const countdown = $("countdown");
  show("countdown", left !== null);
  if (left !== null) countdown.textContent = left > 0 ? T.left(Math.ceil(left / 1000)) : T.time_over;
  if (vote.answer && !pending) {
    const words = (vote.source === "console" ? T.recorded_console : T.recorded)(
      T[vote.answer], clock(vote.answered_at));
    const text = final ? `${words} ${T.final_note}` : words;
    if (text !== lastRecorded) { $("recorded").textContent = text; lastRecorded = text; }
  } else if (!pending) {
    $("recorded").textContent = "";
    lastRecorded = "";
  }
  const result = $("result");
  show("result", Boolean(vote.result));
  if (vote.result) {
    const r = vote.result;
    result.replaceChildren(...[`${T[r.outcome] || r.outcome}: ${T.counts(r)}`,
      r.final ? T.your(T.finals[r.final] || r.final) : ""].filter(Boolean).map((text) => {
      const p = document.createElement("p");
      p.textContent = text;
      return p;
    }));
  }
}

function render() {
  if (!view) return;
  const member = view.member || {};
  $("who").textContent = member.name ? T.member(member.name) : "";
  const sitting = view.sitting;
  $("council").textContent = (sitting && sitting.council) || view.council || T.title;
  $("sitting").textContent = sitting ? `${sitting["label_" + LANG]} · ${sitting.date}` : T.no_sitting;
  const item = view.item;
  show("item", Boolean(item));
  if (item) $("item").textContent = T.item(item.number, item.title);
  if (!sitting) {
    $("state").textContent = T.no_sitting;
    show("state", true);
    show("vote", false);
    show("check-in", false);
    return;
  }
  renderVote(view);
}

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify(message));
    return true;
  }
  return false;
}

function press(answer) {
  serial += 1;
  const id = `a${serial}`;
  $("error").textContent = "";
  if (!send({type: "answer", id, answer})) { $("error").textContent = T.lost; return; }
  pending = id;
  $("recorded").textContent = T.sending;
  lastRecorded = "";
  render();
}

function onMessage(message) {
  if (typeof message.now === "number") offset = message.now - Date.now();
  switch (message.type) {
    case "welcome":
      backoff = 500;
      show("lost", false);
      show("login", false);
      break;
    case "snapshot":
      view = message.data;
      seq = message.seq;
      render();
      break;
    case "patch":
      if (message.seq !== seq + 1) { send({type: "resync"}); return; }
      view = mergePatch(view, message.patch);
      seq = message.seq;
      render();
      break;
    case "recorded":
      if (message.id === pending) pending = null;
      if (message.answer) {
        const text = T.recorded(T[message.answer], clock(message.at));
        $("recorded").textContent = text;
        lastRecorded = text;
        if (view && view.vote) {
          view.vote = {...view.vote, answer: message.answer, answered_at: message.at,
                       source: "device"};
        }
      }
      render();
      break;
    case "error":
      if (message.id && message.id === pending) pending = null;
      $("error").textContent = LANG === "en" ? message.message_en : message.message;
      lastRecorded = "";
      render();
      break;
    default:
      break;
  }
}

function askForCode(problem) {
  show("login", true);
  $("login-error").textContent = problem || "";
  $("code").value = code;
  $("code").focus();
}

function connect() {
  if (!code) { askForCode(""); return; }
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const current = new WebSocket(`${scheme}://${location.host}/ws`);
  socket = current;
  current.onopen = () => current.send(JSON.stringify({type: "hello", v: 1, role: "member",
                                                      token: code}));
  current.onmessage = (event) => onMessage(JSON.parse(event.data));
  current.onclose = (event) => {
    if (socket !== current) return;
    socket = null;
    if (pending) { pending = null; $("recorded").textContent = ""; lastRecorded = ""; }
    if (event.code === 4001 || event.code === 4010) { askForCode(T.bad_code); return; }
    show("lost", true);
    $("lost").textContent = T.lost;
    setTimeout(connect, backoff);
    backoff = Math.min(backoff * 2, 5000);
  };
}

translateStatic();
for (const button of document.querySelectorAll(".answer")) {
  button.addEventListener("click", () => press(button.dataset.answer));
}
$("check-in").addEventListener("click", () => {
  serial += 1;
  send({type: "check_in", id: `c${serial}`});
});
$("login").addEventListener("submit", (event) => {
  event.preventDefault();
  code = $("code").value.trim().toUpperCase();
  if (code) connect();
});
setInterval(() => { if (view && view.vote && view.vote.time_limit_s) render(); }, 500);
connect();
