// The offline outbox of the gym page: every set operation (create | update | delete) is written to
// IndexedDB first and shown as pending at once, then sent as one batch to POST /api/v1/sync.
// Only operations the server acknowledged leave the outbox; a 401, a network error or a 5xx keeps
// them all. htmx has no offline mode, so this is a small plain script (no build step).
//
// Each op: {client_id, op, rev, client_session_id, athlete_id, exercise_id, load_kg, reps,
// seconds, rpe, side, logged_at, label, status?, reason?}. One pending op per set (client_id): an
// edit of a set whose create has not been sent yet folds into that create; deleting such a set
// drops it without ever telling the server. ``rev`` counts local changes, so an acknowledgement
// for an older revision (the set was edited while the batch was in flight) does not remove the
// newer change.
(function () {
  "use strict";

  var DB_NAME = "legday-outbox";
  var STORE = "ops";
  var SYNC_URL = "/api/v1/sync";
  var DONE = { created: true, duplicate: true, updated: true, deleted: true };

  function openDb() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = function () {
        req.result.createObjectStore(STORE, { keyPath: "client_id" });
      };
      req.onsuccess = function () {
        resolve(req.result);
      };
      req.onerror = function () {
        reject(req.error);
      };
    });
  }

  function tx(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode);
        var store = t.objectStore(STORE);
        var result;
        Promise.resolve(work(store)).then(function (r) {
          result = r;
        });
        t.oncomplete = function () {
          db.close();
          resolve(result);
        };
        t.onerror = function () {
          db.close();
          reject(t.error);
        };
        t.onabort = function () {
          db.close();
          reject(t.error);
        };
      });
    });
  }

  function reqValue(req) {
    return new Promise(function (resolve, reject) {
      req.onsuccess = function () {
        resolve(req.result);
      };
      req.onerror = function () {
        reject(req.error);
      };
    });
  }

  function all() {
    return tx("readonly", function (store) {
      return reqValue(store.getAll());
    }).then(function (ops) {
      return (ops || []).sort(function (a, b) {
        return (a.queued_at || "").localeCompare(b.queued_at || "");
      });
    });
  }

  // Queue one operation, folding it into a pending op of the same set (see the header).
  function put(op) {
    return tx("readwrite", function (store) {
      return reqValue(store.get(op.client_id)).then(function (prev) {
        var next = Object.assign({}, op);
        next.rev = prev ? prev.rev + 1 : 1;
        next.queued_at = prev ? prev.queued_at : new Date().toISOString();
        delete next.status;
        delete next.reason;
        if (prev && prev.op === "create") {
          // not acknowledged yet: an edit stays a create with the new values; a delete drops it,
          // unless the create is in flight (then the server gets the delete after it)
          if (op.op === "delete" && !inFlight[op.client_id]) {
            store.delete(op.client_id);
            return null;
          }
          if (op.op !== "delete") next.op = "create";
        }
        store.put(next);
        return next;
      });
    });
  }

  function remove(clientId) {
    return tx("readwrite", function (store) {
      store.delete(clientId);
    });
  }

  function wireOp(op) {
    var out = {
      op: op.op,
      client_id: op.client_id,
      client_session_id: op.client_session_id,
      athlete_id: op.athlete_id,
      exercise_id: op.exercise_id,
      logged_at: op.logged_at,
    };
    ["load_kg", "reps", "seconds", "rpe", "side"].forEach(function (k) {
      if (op[k] !== undefined && op[k] !== null && op[k] !== "") out[k] = op[k];
    });
    // an edit back to body weight says so: a missing load would keep the old one
    if (op.op === "update" && (op.load_kg === null || op.load_kg === "")) out.load_kg = null;
    return out;
  }

  // Apply the server's answer: acknowledged ops leave (when not changed since they were sent),
  // a refused op stays with its reason so the athlete can see and discard it.
  function settle(sent, results) {
    var byId = {};
    sent.forEach(function (op) {
      byId[op.client_id] = op;
    });
    return tx("readwrite", function (store) {
      var chain = Promise.resolve();
      results.forEach(function (r) {
        var was = byId[r.client_id];
        if (!was) return;
        chain = chain.then(function () {
          return reqValue(store.get(r.client_id)).then(function (now) {
            if (!now) return;
            if (DONE[r.status]) {
              if (now.rev === was.rev) {
                store.delete(r.client_id);
              } else {
                // changed while in flight: what is left to send is an update (or a delete) of
                // the set the server now has
                now.op = now.op === "delete" ? "delete" : "update";
                store.put(now);
              }
            } else if (r.status === "rejected" && now.rev === was.rev) {
              now.status = "rejected";
              now.reason = r.reason || "refused";
              store.put(now);
            }
          });
        });
      });
      return chain;
    });
  }

  var flushing = null;
  var inFlight = {};
  var listeners = [];

  function emit(state) {
    listeners.forEach(function (fn) {
      try {
        fn(state);
      } catch (e) {
        /* a broken listener must not stop the others */
      }
    });
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Send every pending op (not the refused ones) as one batch; resolves to a state object
  // {pending, rejected, error} and tells the listeners.
  function flush() {
    if (flushing) return flushing;
    flushing = all()
      .then(function (ops) {
        var batch = ops.filter(function (op) {
          return op.status !== "rejected";
        });
        if (!batch.length) return { error: null };
        if (typeof navigator !== "undefined" && navigator.onLine === false) {
          return { error: "offline" };
        }
        batch.forEach(function (op) {
          inFlight[op.client_id] = true;
        });
        return fetch(SYNC_URL, {
          method: "POST",
          credentials: "same-origin",
          cache: "no-store",
          headers: {
            "Content-Type": "application/json",
            Accept: "application/json",
            "X-CSRF-Token": csrfToken(),
          },
          body: JSON.stringify({ ops: batch.map(wireOp) }),
        }).then(
          function (resp) {
            if (resp.status === 401) return { error: "signed-out" };
            if (!resp.ok) return { error: "server", status: resp.status };
            return resp.json().then(function (doc) {
              return settle(batch, (doc && doc.results) || []).then(function () {
                return { error: null };
              });
            });
          },
          function () {
            return { error: "offline" };
          },
        );
      })
      .catch(function (e) {
        inFlight = {};
        return { error: "storage", detail: String(e) };
      })
      .then(function (state) {
        return all().then(function (ops) {
          state.ops = ops;
          state.pending = ops.filter(function (o) {
            return o.status !== "rejected";
          }).length;
          state.rejected = ops.length - state.pending;
          inFlight = {};
          flushing = null;
          emit(state);
          return state;
        });
      });
    return flushing;
  }

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    // randomUUID needs a secure context; loopback is one, but keep a v4 fallback from
    // getRandomValues so a plain-http LAN install still gets unique ids
    var b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map
      .call(b, function (x) {
        return (x + 0x100).toString(16).slice(1);
      })
      .join("");
    return (
      h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" +
      h.slice(20)
    );
  }

  window.legdayOutbox = {
    all: all,
    put: put,
    remove: remove,
    flush: flush,
    uuid: uuid,
    onChange: function (fn) {
      listeners.push(fn);
    },
  };
})();
