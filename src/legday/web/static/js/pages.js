// Every page: register the service worker (it only keeps the gym page for offline use) and, on
// the sign-in page, forget any cached gym page so the next person on this phone never sees it.
// The outbox is kept: a set not yet sent is sent after the athlete signs in again.
(function () {
  "use strict";
  try {
    // the server shows dates in the browser's time zone (no inline script: a cookie it reads)
    var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz) {
      document.cookie =
        "legday-tz=" + encodeURIComponent(tz) + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (e) {
    /* no Intl time zone: UTC */
  }
  // the password-reset page: the link's code travels after "#" (never sent to a server, so it
  // stays out of logs); put it into the form and take it out of the address bar and history
  var code = document.getElementById("reset-token");
  if (code && location.hash.length > 1) {
    code.value = decodeURIComponent(location.hash.slice(1));
    history.replaceState(null, "", location.pathname);
  }
  if (!("serviceWorker" in navigator)) return;
  var forget = document.body && document.body.hasAttribute("data-forget-pages");
  var keep = document.body && document.body.hasAttribute("data-offline-page");
  navigator.serviceWorker.addEventListener("message", function (event) {
    if (event.data === "gym-page-kept") document.documentElement.setAttribute("data-offline-ready", "");
  });
  navigator.serviceWorker
    .register("/sw.js", { scope: "/" })
    .then(function () {
      return navigator.serviceWorker.ready;
    })
    .then(function (reg) {
      if (!reg.active) return;
      if (forget) reg.active.postMessage("forget-pages");
      if (keep) reg.active.postMessage("keep-gym-page");
    })
    .catch(function () {
      /* no service worker (private mode, plain http on a LAN): the pages still work online */
    });
})();
