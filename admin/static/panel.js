// Aist panel: live updates by Server-Sent Events, waiting times that tick, a short tone and a
// browser notification that never carries a message's text. Every word comes from the page
// (data-i18n, rendered from locales/<lang>/panel.ftl). No libraries.
(() => {
  "use strict";
  const body = document.body;
  const texts = JSON.parse(body.dataset.i18n || "{}");
  const fill = (template, values) =>
    String(template || "").replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : ""));
  // The server's clock decides how long someone has waited, not the laptop's.
  const skew = body.dataset.now ? Date.parse(body.dataset.now) - Date.now() : 0;
  const now = () => Date.now() + skew;
  const slaMinutes = Number(body.dataset.sla || 0);
  const baseTitle = document.title;

  // --- waiting times -----------------------------------------------------------------------
  function tick() {
    const at = now();
    document.querySelectorAll("[data-since]").forEach((el) => {
      const minutes = Math.max(0, Math.floor((at - Date.parse(el.dataset.since)) / 60000));
      el.textContent = minutes < 1 ? texts.waitingNow
        : minutes < 60 ? fill(texts.waitingMin, {m: minutes})
        : fill(texts.waitingHours, {h: Math.floor(minutes / 60), m: minutes % 60});
    });
    document.querySelectorAll("[data-sla-since]").forEach((el) => {
      if (!slaMinutes) return;
      const minutes = Math.max(0, Math.floor((at - Date.parse(el.dataset.slaSince)) / 60000));
      const left = slaMinutes - minutes;
      el.textContent = left > 0 ? fill(texts.slaLeft, {m: left}) : fill(texts.slaLate, {m: minutes});
    });
    const stats = document.querySelector(".stats[data-waiting]");
    const badge = document.getElementById("waiting-count");
    if (stats && badge) {
      const waiting = Number(stats.dataset.waiting || 0);
      badge.textContent = waiting ? String(waiting) : "";
      document.title = waiting ? `(${waiting}) ${baseTitle}` : baseTitle;
    }
  }

  // --- fragments ---------------------------------------------------------------------------
  async function fetchHtml(url) {
    const response = await fetch(url, {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}});
    if (response.status === 401) { window.location.assign("/login"); return null; }
    return response.ok ? response.text() : null;
  }

  async function refreshInbox() {
    const box = document.getElementById("inbox");
    if (!box) return;
    const before = new Set([...box.querySelectorAll("tr[data-case]")].map((row) => row.dataset.case));
    const html = await fetchHtml(box.dataset.refresh);
    if (html === null) return;
    box.innerHTML = html;
    box.querySelectorAll("tr[data-case]").forEach((row) => {
      if (!before.has(row.dataset.case)) row.classList.add("fresh");
    });
    tick();
  }

  async function refreshThread() {
    const box = document.getElementById("thread");
    if (!box) return;
    const list = box.querySelector(".thread");
    const atBottom = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 60;
    const html = await fetchHtml(box.dataset.refresh);
    if (html === null) return;
    box.innerHTML = html;
    const fresh = box.querySelector(".thread");
    if (fresh && atBottom) fresh.scrollTop = fresh.scrollHeight;
  }

  async function refreshHead() {
    const head = document.getElementById("case-head");
    if (!head) return;
    const html = await fetchHtml(window.location.pathname);
    if (html === null) return;
    const next = new DOMParser().parseFromString(html, "text/html").getElementById("case-head");
    if (!next) return;
    if (next.dataset.status !== head.dataset.status) { window.location.reload(); return; }
    head.innerHTML = next.innerHTML;
  }

  // Many events in a burst make one request per part.
  const pending = new Set();
  let timer = null;
  function schedule(part) {
    pending.add(part);
    if (timer) return;
    timer = setTimeout(async () => {
      const parts = [...pending];
      pending.clear(); timer = null;
      for (const name of parts) {
        try {
          if (name === "inbox") await refreshInbox();
          if (name === "thread") await refreshThread();
          if (name === "head") await refreshHead();
        } catch (error) { /* the next event or the reconnect refreshes again */ }
      }
    }, 250);
  }

  // --- sound and notifications ----------------------------------------------------------------
  let audio = null;
  function unlockAudio() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === "suspended") audio.resume();
    } catch (error) { audio = null; }
  }

  function chime(urgent) {
    if (!audio) return; // browsers allow sound only after the first click on the page
    try {
      const tones = urgent ? [880, 660, 880, 660] : [660, 880];
      tones.forEach((frequency, i) => {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = "sine";
        osc.frequency.value = frequency;
        const start = audio.currentTime + i * 0.18;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(urgent ? 0.3 : 0.18, start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
        osc.connect(gain).connect(audio.destination);
        osc.start(start);
        osc.stop(start + 0.17);
      });
    } catch (error) { /* sound is a courtesy; the inbox still updates */ }
  }

  function notify(kind, caseId) {
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    if (!document.hidden && document.hasFocus()) return; // she is looking at the panel already
    const title = kind === "urgent" ? texts.notifyUrgent
      : kind === "message" ? texts.notifyMessage : texts.notifyCase;
    // Never the text, the topic or the pseudonym: a lock screen is not a private place.
    const note = new Notification(title, {body: texts.notifyBody, tag: `aist-${kind}`, renotify: true});
    note.onclick = () => { window.focus(); if (caseId) window.location.assign(`/cases/${caseId}`); note.close(); };
  }

  // A new case arrives as "opened" and then "message": one alert, not two.
  const lastAlert = new Map();
  function alertFor(type, data) {
    if (!data.alert) return;
    const urgent = type === "case.urgent" || type === "case.escalated";
    const incoming = type === "case.opened" || (type === "case.message" && data.direction === "in");
    if (!urgent && !incoming) return;
    const key = String(data.case_id);
    const recent = lastAlert.get(key);
    const at = Date.now();
    lastAlert.set(key, {at, urgent});
    if (recent && at - recent.at < 5000 && (recent.urgent || !urgent)) return;
    chime(urgent);
    notify(urgent ? "urgent" : type === "case.opened" ? "case" : "message", data.case_id);
  }

  // --- the stream ------------------------------------------------------------------------------
  const EVENTS = ["rental.changed", "case.opened", "case.message", "case.accepted", "case.closed", "case.urgent", "case.escalated", "message.delivery"];

  function setLive(state) {
    const live = document.getElementById("live");
    if (!live) return;
    live.classList.toggle("on", state === "on");
    live.classList.toggle("off", state === "off");
    live.textContent = state === "on" ? texts.live : texts.offline;
  }

  function connect() {
    if (!document.querySelector("header.top") || !("EventSource" in window)) return;
    const head = document.getElementById("case-head");
    const caseOnPage = head ? head.dataset.case : null;
    const source = new EventSource("/events");
    source.addEventListener("ready", () => {
      setLive("on");
      // What happened between the page's rendering (or a lost connection) and now.
      schedule("inbox");
      if (caseOnPage) schedule("thread");
    });
    source.onerror = () => {
      setLive("off");
      if (source.readyState === EventSource.CLOSED) {
        // Refused (the session ended) or the server went away: try again in a while.
        setTimeout(async () => {
          const probe = await fetch("/inbox/rows", {credentials: "same-origin"}).catch(() => null);
          if (probe && probe.status === 401) window.location.assign("/login");
          else connect();
        }, 5000);
      }
    };
    const handle = (event) => {
      let data = {};
      try { data = JSON.parse(event.data || "{}"); } catch (error) { return; }
      if (event.type === "rental.changed") {
        // The desk is full of forms: offer a reload rather than pull the page from under her.
        const fresh = document.getElementById("rental-fresh");
        if (fresh) fresh.hidden = false;
        return;
      }
      schedule("inbox");
      if (caseOnPage && String(data.case_id) === caseOnPage) {
        schedule("thread");
        if (event.type === "case.accepted" || event.type === "case.closed" || event.type === "case.urgent") schedule("head");
      }
      alertFor(event.type, data);
    };
    EVENTS.forEach((name) => source.addEventListener(name, handle));
  }

  function offerAlerts() {
    const button = document.getElementById("enable-alerts");
    if (!button || !("Notification" in window) || Notification.permission !== "default") return;
    button.hidden = false;
    button.addEventListener("click", async () => {
      unlockAudio();
      await Notification.requestPermission();
      button.hidden = true;
      chime(false);
    });
  }

  // --- forms -----------------------------------------------------------------------------------
  function guardForms() {
    document.addEventListener("submit", (event) => {
      const form = event.target;
      if (form.dataset.sent) { event.preventDefault(); return; } // no double replies
      const asks = event.submitter && event.submitter.dataset.confirm;
      if (asks && !window.confirm(asks)) { event.preventDefault(); return; } // cannot be undone
      form.dataset.sent = "1";
      form.querySelectorAll("button[type=submit], button:not([type])").forEach((b) => { b.disabled = true; });
    });
    window.addEventListener("pageshow", (event) => {
      if (!event.persisted) return; // back from the history: the buttons work again
      document.querySelectorAll("form[data-sent]").forEach((form) => {
        delete form.dataset.sent;
        form.querySelectorAll("button").forEach((b) => { b.disabled = false; });
      });
    });
    const reply = document.querySelector("form.composer textarea");
    if (reply) {
      reply.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          if (reply.value.trim()) reply.form.requestSubmit();
        }
      });
    }
    // A canned reply fills the composer; the specialist edits it before sending. The text is
    // read from the option's data-text (escaped by the template) and set as a value, never as HTML.
    const canned = document.getElementById("canned-reply");
    if (canned) {
      canned.addEventListener("change", () => {
        const option = canned.selectedOptions[0];
        const target = document.getElementById(canned.dataset.fills);
        if (!option || !option.value || !target) return;
        const current = target.value.trim();
        if (current && current !== option.dataset.text && !window.confirm(canned.dataset.replace || "")) {
          canned.value = "";
          return;
        }
        target.value = option.dataset.text || "";
        canned.value = "";
        target.focus();
        target.setSelectionRange(target.value.length, target.value.length);
      });
    }
    // A whole inbox row opens its case; the link inside stays the accessible way.
    document.addEventListener("click", (event) => {
      const row = event.target.closest("tr[data-href]");
      if (!row || event.target.closest("a, button, form")) return;
      if (window.getSelection && String(window.getSelection())) return;
      window.location.assign(row.dataset.href);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    tick();
    setInterval(tick, 15000);
    const thread = document.querySelector(".thread");
    if (thread) thread.scrollTop = thread.scrollHeight;
    ["pointerdown", "keydown"].forEach((type) => document.addEventListener(type, unlockAudio, {once: true}));
    guardForms();
    // A confirmation has done its job after a few seconds; errors stay until the next page.
    document.querySelectorAll(".flash.ok").forEach((el) => setTimeout(() => { el.hidden = true; }, 6000));
    connect();
    offerAlerts();
  });
})();
