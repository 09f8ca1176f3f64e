// The gym page (/train): log a set in two taps (tap a prescribed set to fill the form, tap "Log
// set"), edit or delete a just-logged set, rest countdown, record announcement. Every change goes
// through the outbox (outbox.js) so it survives no signal; nothing here talks to the server
// directly except the outbox's sync.
(function () {
  "use strict";

  var LB_KG = 0.45359237; // the international avoirdupois pound (1959 agreement), exact
  var form = document.querySelector('[data-testid="set-form"]');
  if (!form || !window.legdayOutbox) return;
  var outbox = window.legdayOutbox;
  var athleteId = Number(form.getAttribute("data-athlete-id"));
  var unit = form.getAttribute("data-unit") === "lb" ? "lb" : "kg";
  var list = document.getElementById("sets");
  var pendingEl = document.querySelector('[data-testid="pending-count"]');
  var pendingNote = document.getElementById("pending-note");
  var statusEl = document.getElementById("status");
  var submitBtn = form.querySelector('[data-testid="log-set"]');
  var cancelBtn = document.getElementById("cancel-edit");
  var editing = null; // client_id of the set being edited
  var current = null; // the prescribed set the form was filled from
  var names = {};
  var ids = {};
  document.querySelectorAll("#exercise-list option").forEach(function (o) {
    names[o.value] = o.textContent.trim();
    ids[o.textContent.trim().toLowerCase()] = o.value;
  });
  var bests = readJson("bests") || {};
  var rests = readJson("rests") || {};

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try {
      return JSON.parse(el.textContent);
    } catch (e) {
      return null;
    }
  }

  // the athlete's wall-clock time with its UTC offset: the server keeps the clock reading
  function localIso() {
    var d = new Date();
    var off = -d.getTimezoneOffset();
    function two(n) {
      return String(Math.floor(Math.abs(n))).padStart(2, "0");
    }
    return (
      d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()) + "T" +
      two(d.getHours()) + ":" + two(d.getMinutes()) + ":" + two(d.getSeconds()) +
      (off >= 0 ? "+" : "-") + two(off / 60) + ":" + two(off % 60)
    );
  }

  function say(text) {
    if (statusEl) statusEl.textContent = text;
  }

  // --- the gym session this phone is logging (resumed until finished) ---------------------------
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + (d.getMonth() + 1) + "-" + d.getDate();
  }

  function sessionKey() {
    var key = "legday.session." + athleteId;
    var open = form.getAttribute("data-open-session");
    var stored = null;
    try {
      stored = JSON.parse(localStorage.getItem(key) || "null");
    } catch (e) {
      stored = null;
    }
    if (open) {
      stored = { id: open, day: today() };
    } else if (!stored || stored.day !== today()) {
      stored = { id: outbox.uuid(), day: today() };
    }
    localStorage.setItem(key, JSON.stringify(stored));
    var field = document.getElementById("session-key");
    if (field) field.value = stored.id;
    return stored.id;
  }

  // --- units ----------------------------------------------------------------------------------
  function toKg(value) {
    return unit === "lb" ? Math.round(value * LB_KG * 10000) / 10000 : value;
  }

  function shown(kg) {
    if (kg === null || kg === undefined) return null;
    var v = unit === "lb" ? kg / LB_KG : kg;
    return Math.round(v * 100) / 100;
  }

  function describe(op) {
    var name = names[op.exercise_id] || op.exercise_id;
    var load = shown(op.load_kg);
    var what = load === null ? "body weight" : load + " " + unit;
    var amount = op.reps !== undefined && op.reps !== null ? " × " + op.reps : "";
    if (op.seconds) amount += " · " + op.seconds + " s";
    return name + " · " + what + amount + (op.rpe ? " @" + op.rpe : "");
  }

  // --- rows -----------------------------------------------------------------------------------
  function rowFor(clientId) {
    return list.querySelector('[data-client-id="' + clientId + '"]');
  }

  function renderRow(op) {
    var li = rowFor(op.client_id);
    if (op.op === "delete") {
      if (li) li.remove();
      return;
    }
    if (!li) {
      li = document.createElement("li");
      li.setAttribute("data-testid", "set-row");
      li.setAttribute("data-client-id", op.client_id);
      var what = document.createElement("span");
      what.className = "set-what";
      li.appendChild(what);
      var actions = document.createElement("span");
      actions.className = "set-actions";
      actions.innerHTML =
        '<button type="button" data-action="edit">Edit</button>' +
        '<button type="button" class="danger" data-action="delete">Delete</button>';
      li.appendChild(actions);
      list.appendChild(li);
    }
    li.setAttribute("data-exercise", op.exercise_id);
    li.setAttribute("data-load-kg", op.load_kg === null || op.load_kg === undefined ? "" : op.load_kg);
    li.setAttribute("data-reps", op.reps === null || op.reps === undefined ? "" : op.reps);
    li.setAttribute("data-seconds", op.seconds || "");
    li.setAttribute("data-rpe", op.rpe || "");
    li.querySelector(".set-what").textContent = describe(op);
    li.querySelectorAll(".set-actions button").forEach(function (b) {
      b.setAttribute("aria-label", b.textContent + ": " + describe(op));
    });
    li.classList.toggle("pending-row", op.status !== "rejected");
    li.classList.toggle("rejected-row", op.status === "rejected");
    if (op.status === "rejected") li.title = op.reason || "refused";
  }

  function showState(state) {
    var n = state.pending || 0;
    pendingEl.textContent = String(n);
    pendingEl.parentElement.classList.toggle("has-pending", n > 0);
    (state.ops || []).forEach(renderRow);
    // rows acknowledged by the server lose their pending mark
    list.querySelectorAll("li.pending-row").forEach(function (li) {
      var id = li.getAttribute("data-client-id");
      var still = (state.ops || []).some(function (o) {
        return o.client_id === id;
      });
      if (!still) li.classList.remove("pending-row");
    });
    if (state.error === "signed-out" && n > 0) {
      pendingNote.innerHTML = "";
      var a = document.createElement("a");
      a.href = "/login?next=/train";
      a.textContent = "Sign in to send " + n + (n === 1 ? " set" : " sets");
      pendingNote.appendChild(a);
    } else if (state.error === "offline" && n > 0) {
      pendingNote.textContent = "No signal: kept on this phone, sent when you are back online.";
    } else if (state.error === "server" && n > 0) {
      pendingNote.textContent = "The server did not answer; will try again.";
    } else if (state.rejected) {
      pendingNote.textContent =
        state.rejected + " refused by the server (see the marked rows; delete them to clear).";
    } else {
      pendingNote.textContent = n ? "Sending…" : "All sets sent.";
    }
  }

  outbox.onChange(showState);

  // --- the form -------------------------------------------------------------------------------
  function exerciseId(text) {
    var t = text.trim();
    if (names[t]) return t;
    return ids[t.toLowerCase()] || t;
  }

  function number(name) {
    var el = form.elements[name];
    if (!el || el.value.trim() === "") return null;
    var v = Number(el.value.replace(",", "."));
    return isFinite(v) ? v : NaN;
  }

  function stopEditing() {
    editing = null;
    submitBtn.textContent = "Log set";
    if (cancelBtn) cancelBtn.hidden = true;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var exercise = exerciseId(form.elements.exercise.value);
    var load = number("load");
    var reps = number("reps");
    var rpe = number("rpe");
    var seconds = number("seconds");
    if (!exercise) return say("Name the exercise first.");
    if (seconds !== null && !(seconds > 0)) {
      form.elements.seconds.focus();
      return say("Seconds must be a number above 0, e.g. 30.");
    }
    if ((reps === null && seconds === null) || (reps !== null && !(reps >= 0 && Math.floor(reps) === reps))) {
      form.elements.reps.focus();
      return say("Reps must be a whole number, e.g. 5 (or give seconds for a hold).");
    }
    if (load !== null && !(load >= 0)) {
      form.elements.load.focus();
      return say("The load must be a number in " + unit + ", or empty for body weight.");
    }
    if (rpe !== null && !(rpe >= 1 && rpe <= 10)) {
      return say("RPE is 1–10.");
    }
    var op = {
      op: editing ? "update" : "create",
      client_id: editing || outbox.uuid(),
      client_session_id: sessionKey(),
      athlete_id: athleteId,
      exercise_id: exercise,
      load_kg: load === null ? null : toKg(load),
      reps: reps,
      seconds: seconds,
      rpe: rpe,
      logged_at: localIso(),
    };
    var wasEdit = !!editing;
    stopEditing();
    outbox.put(op).then(function (stored) {
      renderRow(stored || op);
      say((wasEdit ? "Changed: " : "Logged: ") + describe(op));
      if (!wasEdit) {
        announceRecord(op);
        markDone(op.exercise_id);
        startRest(rests[op.exercise_id]);
      }
      return outbox.flush();
    });
  });

  if (cancelBtn) {
    cancelBtn.addEventListener("click", function () {
      stopEditing();
      say("Edit cancelled.");
    });
  }

  list.addEventListener("click", function (event) {
    var btn = event.target.closest("button[data-action]");
    if (!btn) return;
    var li = btn.closest("li");
    var id = li.getAttribute("data-client-id");
    if (btn.getAttribute("data-action") === "delete") {
      outbox
        .put({
          op: "delete",
          client_id: id,
          client_session_id: sessionKey(),
          athlete_id: athleteId,
          exercise_id: li.getAttribute("data-exercise"),
          logged_at: localIso(),
        })
        .then(function () {
          li.remove();
          say("Set deleted.");
          return outbox.flush();
        });
      return;
    }
    editing = id;
    form.elements.exercise.value = li.getAttribute("data-exercise");
    var kg = li.getAttribute("data-load-kg");
    form.elements.load.value = kg === "" ? "" : shown(Number(kg));
    form.elements.reps.value = li.getAttribute("data-reps");
    form.elements.seconds.value = li.getAttribute("data-seconds") || "";
    if (form.elements.rpe) form.elements.rpe.value = li.getAttribute("data-rpe");
    submitBtn.textContent = "Save change";
    if (cancelBtn) cancelBtn.hidden = false;
    form.elements.reps.focus();
  });

  // tap a prescribed set: the form is filled with it (the first of two taps)
  document.querySelectorAll("button[data-fill]").forEach(function (b) {
    b.addEventListener("click", function () {
      fill(b);
      submitBtn.focus();
    });
  });

  function fill(b) {
    stopEditing();
    current = b;
    form.elements.exercise.value = b.getAttribute("data-exercise");
    form.elements.load.value = b.getAttribute("data-load") || "";
    form.elements.reps.value = b.getAttribute("data-reps") || "";
    form.elements.seconds.value = b.getAttribute("data-seconds") || "";
    if (form.elements.rpe) form.elements.rpe.value = "";
    say("Ready: " + b.textContent.replace(/\s+/g, " ").trim());
  }

  // after a set, the set it came from is ticked and the next prescribed set of that exercise
  // (after it, in the order of the page) is pre-filled
  function markDone(exercise) {
    var targets = Array.prototype.slice.call(
      document.querySelectorAll('button[data-fill][data-exercise="' + exercise + '"]'),
    );
    var at = current && targets.indexOf(current) >= 0 ? targets.indexOf(current) : -1;
    if (at < 0) {
      at = targets.findIndex(function (t) {
        return !t.classList.contains("done");
      });
    }
    current = null;
    if (at < 0) return;
    targets[at].classList.add("done");
    targets[at].setAttribute("aria-pressed", "true");
    for (var i = at + 1; i < targets.length; i++) {
      if (!targets[i].classList.contains("done")) {
        fill(targets[i]);
        return;
      }
    }
  }

  // --- records --------------------------------------------------------------------------------
  function announceRecord(op) {
    if (op.load_kg === null || !op.reps) return;
    var best = bests[op.exercise_id];
    var box = document.getElementById("record");
    if (best !== undefined && best !== null && op.load_kg > best + 1e-9) {
      box.hidden = false;
      box.textContent =
        "New record: " + describe(op) + " (heaviest before: " + shown(best) + " " + unit + ")";
    }
    if (best === undefined || best === null || op.load_kg > best) bests[op.exercise_id] = op.load_kg;
  }

  // --- rest countdown -------------------------------------------------------------------------
  var timer = null;
  var timerEl = document.getElementById("rest-left");

  function startRest(seconds) {
    if (!timerEl || !seconds) return;
    var end = Date.now() + seconds * 1000;
    if (timer) clearInterval(timer);
    function tick() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      timerEl.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (left === 0) {
        clearInterval(timer);
        timer = null;
        restOver();
      }
    }
    tick();
    timer = setInterval(tick, 1000);
  }

  function restOver() {
    say("Rest over: next set.");
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
    if (window.Notification && Notification.permission === "granted") {
      try {
        new Notification("legday", { body: "Rest over: next set." });
      } catch (e) {
        /* some browsers allow notifications only from the service worker */
      }
    }
  }

  var notifyBtn = document.getElementById("notify");
  if (notifyBtn) {
    if (!window.Notification || Notification.permission !== "default") notifyBtn.hidden = true;
    notifyBtn.addEventListener("click", function () {
      Notification.requestPermission().then(function () {
        notifyBtn.hidden = true;
      });
    });
  }
  var skipRest = document.getElementById("skip-rest");
  if (skipRest) {
    skipRest.addEventListener("click", function () {
      if (timer) clearInterval(timer);
      timer = null;
      timerEl.textContent = "0:00";
    });
  }

  // --- finishing: flush first, the server needs every set before it closes the session -------
  var finish = document.getElementById("finish-form");
  if (finish) {
    finish.addEventListener("submit", function (event) {
      var key = finish.elements.session_key;
      if (key && !key.value) key.value = sessionKey();
      if (finish.getAttribute("data-flushed") === "yes") return;
      event.preventDefault();
      outbox.flush().then(function (state) {
        if (state.pending) {
          say("Send the pending sets first (they are kept on this phone).");
          return;
        }
        localStorage.removeItem("legday.session." + athleteId);
        finish.setAttribute("data-flushed", "yes");
        finish.requestSubmit();
      });
    });
  }

  // --- when to send ---------------------------------------------------------------------------
  sessionKey();
  window.addEventListener("online", function () {
    outbox.flush();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") outbox.flush();
  });
  setInterval(function () {
    outbox.flush();
  }, 30000);
  if (navigator.storage && navigator.storage.persist) {
    // Safari may delete a site's storage after 7 days unused; ask to keep the outbox
    navigator.storage.persist().catch(function () {});
  }
  outbox.flush();
})();
