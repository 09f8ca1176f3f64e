// legday's service worker, served at /sw.js so that its scope covers the gym page (/train).
// Only the gym page works without signal: its navigations are network-first with the last good
// copy as the fallback; the static files it needs are cached at install. API answers, other
// pages and the gym page of someone else (/train?athlete=…) are never cached: they go to the
// network untouched. The server is the record; the outbox (outbox.js) is the queue.
"use strict";

var VERSION = "__LEGDAY_VERSION__";
var STATIC_CACHE = "legday-static-" + VERSION;
var PAGE_CACHE = "legday-pages";
var GYM_PAGE = "/train";
var STATIC_FILES = [
  "/static/css/legday.css",
  "/static/js/outbox.js",
  "/static/js/train.js",
  "/static/js/pages.js",
  "/static/vendor/htmx.min.js",
  "/static/icons/icon.svg",
  "/manifest.webmanifest",
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(STATIC_CACHE)
      .then(function (cache) {
        return cache.addAll(STATIC_FILES);
      })
      .then(function () {
        return self.skipWaiting();
      }),
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (keys) {
        return Promise.all(
          keys
            .filter(function (k) {
              return k.indexOf("legday-static-") === 0 && k !== STATIC_CACHE;
            })
            .map(function (k) {
              return caches.delete(k);
            }),
        );
      })
      .then(function () {
        return self.clients.claim();
      }),
  );
});

function keepGymPage() {
  return fetch(GYM_PAGE, { credentials: "same-origin", cache: "no-store" }).then(function (resp) {
    if (resp.ok && !resp.redirected) {
      return caches.open(PAGE_CACHE).then(function (cache) {
        return cache.put(GYM_PAGE, resp);
      });
    }
  });
}

// The gym page asks to be kept once the worker runs (its first load came before the worker);
// the sign-in page asks to forget it, so the next person on this phone never sees it.
self.addEventListener("message", function (event) {
  if (event.data === "forget-pages") {
    event.waitUntil(caches.delete(PAGE_CACHE));
  } else if (event.data === "keep-gym-page") {
    event.waitUntil(
      keepGymPage().then(function () {
        if (event.source) event.source.postMessage("gym-page-kept");
      }),
    );
  }
});

function gymNavigation(request, url) {
  return fetch(request).then(
    function (resp) {
      // keep only a real copy of the athlete's own gym page (a redirect to /login is not one)
      if (resp.ok && !resp.redirected && resp.type === "basic") {
        var copy = resp.clone();
        caches.open(PAGE_CACHE).then(function (cache) {
          return cache.put(GYM_PAGE, copy);
        });
      }
      return resp;
    },
    function () {
      return caches.open(PAGE_CACHE).then(function (cache) {
        return cache.match(GYM_PAGE).then(function (hit) {
          return (
            hit ||
            new Response(
              "<!doctype html><title>Offline</title><p>You are offline and this page was never " +
                "opened online on this phone. Open it once with signal.</p>",
              { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
            )
          );
        });
      });
    },
  );
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === GYM_PAGE && url.search === "" && request.mode === "navigate") {
    event.respondWith(gymNavigation(request, url));
    return;
  }
  if (STATIC_FILES.indexOf(url.pathname) >= 0) {
    // cache first: the cache name carries the server's version, so an upgrade refetches
    event.respondWith(
      caches.open(STATIC_CACHE).then(function (cache) {
        return cache.match(url.pathname).then(function (hit) {
          return hit || fetch(request);
        });
      }),
    );
  }
  // everything else (the API, other pages, other athletes) goes to the network uncached
});
