// Deadlines in the viewer's own time zone, and a live countdown. Without this script the page
// still shows each deadline in Astana time and in UTC, and the time left when it was served.
(function () {
  "use strict";
  var format = new Intl.DateTimeFormat(document.documentElement.lang, {
    year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit",
    timeZoneName: "short"
  });
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    var when = new Date(element.getAttribute("data-local-time"));
    element.textContent = format.format(when);
    element.closest("[data-local-row]").hidden = false;
  });
  var countdowns = document.querySelectorAll("[data-countdown]");
  function tick() {
    var now = Date.now();
    countdowns.forEach(function (element) {
      var left = Math.max(0, Date.parse(element.getAttribute("data-countdown")) - now);
      var s = Math.floor(left / 1000);
      var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600);
      var m = Math.floor(s % 3600 / 60), sec = s % 60;
      var days = element.getAttribute("data-days-label");
      element.textContent = (d ? d + " " + days + " " : "") + String(h).padStart(2, "0") + ":" +
        String(m).padStart(2, "0") + ":" + String(sec).padStart(2, "0");
    });
  }
  if (countdowns.length) { tick(); setInterval(tick, 1000); }
})();
