"""The report's filter, by speaker, country and label: a small inline script, no network.

It reads the ``report-data`` JSON block :mod:`.report` writes (speakers, countries, labels, and
every listed article's quotes), shows the filter form, and on every change hides the rows that
do not match: an article row stays when one of its quotes matches, and shows how many of its
quotes match and their mean index; rows with ``data-s``/``data-c``/``data-l`` (speaker key,
country, label) are matched on the attributes they carry. The filter is kept in the page's
address (``#speaker=...&country=...&label=...``), so a filtered view can be bookmarked or shared.
"""

from __future__ import annotations

__all__ = ["FILTER_SCRIPT"]

FILTER_SCRIPT = r"""
(function () {
  "use strict";
  var block = document.getElementById("report-data"), form = document.getElementById("filter");
  if (!block || !form) { return; }
  var data = JSON.parse(block.textContent), names = ["speaker", "country", "label"];
  var status = document.getElementById("filter-status");
  function fmt(v) {
    if (v === null) { return "n/a"; }
    var r = Math.round(v * 100) / 100;
    return r === 0 ? "0.00" : (r > 0 ? "+" : "\u2212") + Math.abs(r).toFixed(2);
  }
  function chosen() {
    var f = {};
    names.forEach(function (k) { f[k] = form.elements[k] ? form.elements[k].value : ""; });
    return f;
  }
  function quoteMatches(f, q) {
    return (!f.speaker || data.speakers[q[0]] === f.speaker) &&
      (!f.country || (q[1] >= 0 && data.countries[q[1]] === f.country)) &&
      (!f.label || (q[2] >= 0 && data.labels[q[2]] === f.label));
  }
  function rowMatches(f, row) {
    var pairs = [["speaker", "data-s"], ["country", "data-c"], ["label", "data-l"]];
    return pairs.every(function (p) {
      return !f[p[0]] || !row.hasAttribute(p[1]) || row.getAttribute(p[1]) === f[p[0]];
    });
  }
  function apply() {
    var f = chosen(), active = names.some(function (k) { return f[k]; });
    var shown = 0, total = 0, quotes = 0, sum = 0, scored = 0;
    document.querySelectorAll("#articles tbody tr").forEach(function (row) {
      var all = data.articles[row.getAttribute("data-article")] || [], n = 0, s = 0, k = 0;
      all.forEach(function (q) {
        if (quoteMatches(f, q)) { n += 1; if (q[3] !== null) { s += q[3]; k += 1; } }
      });
      var cellN = row.querySelector(".n"), cellM = row.querySelector(".m");
      if (!row.hasAttribute("data-n")) {
        row.setAttribute("data-n", cellN.textContent);
        row.setAttribute("data-m", cellM.textContent);
      }
      total += 1;
      var keep = !active || n > 0;
      row.hidden = !keep;
      cellN.textContent = active ? n + " of " + all.length : row.getAttribute("data-n");
      cellM.textContent = active ? fmt(k ? s / k : null) : row.getAttribute("data-m");
      if (keep) { shown += 1; quotes += n; sum += s; scored += k; }
    });
    document.querySelectorAll("tr.f").forEach(function (row) { row.hidden = active && !rowMatches(f, row); });
    status.textContent = active ?
      "Filtered: " + shown + " of " + total + " listed articles, " + quotes + " matching quotes, mean index " +
        fmt(scored ? sum / scored : null) + "." :
      "No filter: all " + total + " listed articles.";
    form.setAttribute("data-shown", String(shown));
    var hash = names.filter(function (k) { return f[k]; }).map(function (k) {
      return k + "=" + encodeURIComponent(f[k]);
    }).join("&");
    if (("#" + hash) !== location.hash && !(hash === "" && location.hash === "")) {
      try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); }
      catch (e) { /* some viewers forbid it for local files: the filter still works */ }
    }
  }
  function fromHash() {
    var wanted = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0) {
        try { wanted[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1)); } catch (e) { /* bad escape */ }
      }
    });
    names.forEach(function (k) {
      var field = form.elements[k];
      if (field && wanted[k] !== undefined) { field.value = wanted[k]; }
    });
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  window.addEventListener("hashchange", function () { fromHash(); apply(); });
  fromHash();
  apply();
})();
"""
