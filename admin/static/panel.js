// Live panel: Server-Sent Events refresh the inbox and the open thread; a short tone and a
// browser notification (never with the message text) tell the specialist someone is waiting.
(() => {
  const lang = document.documentElement.lang || "ru";
  const words = lang === "ru"
    ? {min: (n) => `ждёт ${n} мин`, hours: (h, m) => `ждёт ${h} ч ${m} мин`, now: "только что", sla: (n) => `принять: ${n} мин`, late: (n) => `не принято ${n} мин`, title: "Aist: новое обращение", body: "Кто-то ждёт ответа. Откройте панель."}
    : {min: (n) => `waiting ${n} min`, hours: (h, m) => `waiting ${h} h ${m} min`, now: "just now", sla: (n) => `accept within ${n} min`, late: (n) => `not accepted for ${n} min`, title: "Aist: new case", body: "Someone is waiting for an answer. Open the panel."};
  const FIRST_ESCALATION_MIN = 5;

  function tickTimes() {
    const now = Date.now();
    document.querySelectorAll("[data-since]").forEach((el) => {
      const minutes = Math.max(0, Math.floor((now - Date.parse(el.dataset.since)) / 60000));
      el.textContent = minutes < 1 ? words.now : minutes < 60 ? words.min(minutes) : words.hours(Math.floor(minutes / 60), minutes % 60);
    });
    document.querySelectorAll("[data-sla]").forEach((el) => {
      const minutes = Math.floor((now - Date.parse(el.dataset.sla)) / 60000);
      const left = FIRST_ESCALATION_MIN - minutes;
      el.textContent = left > 0 ? words.sla(left) : words.late(minutes);
    });
    const table = document.querySelector("table.cases[data-waiting]");
    const badge = document.getElementById("waiting-count");
    if (badge && table) badge.textContent = table.dataset.waiting !== "0" ? table.dataset.waiting : "";
  }

  async function refresh(id) {
    const box = document.getElementById(id);
    if (!box || !box.dataset.refresh) return;
    const before = new Set([...box.querySelectorAll("[data-case]")].map((el) => el.dataset.case));
    const response = await fetch(box.dataset.refresh, {credentials: "same-origin"});
    if (!response.ok) return;
    box.innerHTML = await response.text();
    box.querySelectorAll("tr[data-case]").forEach((row) => { if (!before.has(row.dataset.case)) row.classList.add("fresh"); });
    const thread = box.querySelector(".thread");
    if (thread) thread.scrollTop = thread.scrollHeight;
    tickTimes();
  }

  let audio;
  function chime(loud) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const notes = loud ? [880, 660, 880, 660] : [660, 880];
      notes.forEach((freq, i) => {
        const osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = freq; osc.type = "sine";
        const start = audio.currentTime + i * 0.18;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(loud ? 0.35 : 0.2, start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
        osc.connect(gain).connect(audio.destination); osc.start(start); osc.stop(start + 0.17);
      });
    } catch (e) { /* sound is a courtesy; the inbox still updates */ }
  }

  function notify(loud) {
    chime(loud);
    if ("Notification" in window && Notification.permission === "granted" && document.hidden) {
      new Notification(words.title, {body: words.body, tag: "aist-case", renotify: true});
    }
  }

  function connect() {
    if (!document.querySelector("header.top")) return;
    const live = document.getElementById("live");
    const source = new EventSource("/events");
    source.addEventListener("ready", () => live && live.classList.add("on"));
    source.onerror = () => live && live.classList.remove("on");
    const caseOnPage = document.querySelector("[data-case]") && document.getElementById("thread")
      ? document.querySelector(".case-head").dataset.case : null;
    const handle = (event) => {
      const data = JSON.parse(event.data || "{}");
      refresh("inbox");
      if (caseOnPage && String(data.case_id) === caseOnPage) refresh("thread");
      const incoming = event.type === "case.opened" || (event.type === "case.message" && data.direction === "in");
      const urgent = event.type === "case.urgent" || event.type === "case.escalated";
      if ((incoming || urgent) && data.alert) notify(urgent);
    };
    ["case.opened", "case.message", "case.accepted", "case.closed", "case.urgent", "case.escalated", "message.delivery"]
      .forEach((name) => source.addEventListener(name, handle));
  }

  function offerAlerts() {
    const button = document.getElementById("enable-alerts");
    if (!button || !("Notification" in window) || Notification.permission !== "default") return;
    button.hidden = false;
    button.addEventListener("click", async () => { await Notification.requestPermission(); button.hidden = true; chime(false); });
  }

  document.addEventListener("DOMContentLoaded", () => {
    tickTimes(); setInterval(tickTimes, 20000);
    const thread = document.querySelector(".thread"); if (thread) thread.scrollTop = thread.scrollHeight;
    connect(); offerAlerts();
  });
})();
