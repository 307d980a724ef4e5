// vardval HTML report: filters and details. Plain JS, no libraries, no network.
(function () {
  "use strict";
  var table = document.getElementById("matrix");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody.sub"));
  var ruleHeads = Array.prototype.slice.call(table.querySelectorAll("thead th.rule"));
  var statusBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=status]"));
  var region = document.getElementById("f-region");
  var search = document.getElementById("f-rule");
  var shown = document.getElementById("shown");

  var regions = {};
  rows.forEach(function (row) { regions[row.getAttribute("data-region")] = true; });
  Object.keys(regions).sort().forEach(function (name) {
    if (!name) { return; }
    var option = document.createElement("option");
    option.value = name;
    option.textContent = name;
    region.appendChild(option);
  });

  function ruleMatches() {
    var query = search.value.trim().toLowerCase();
    var out = {};
    ruleHeads.forEach(function (th) {
      out[th.getAttribute("data-rule")] = !query || th.getAttribute("data-search").indexOf(query) >= 0;
    });
    return out;
  }

  function apply() {
    var wanted = {};
    statusBoxes.forEach(function (box) { wanted[box.value] = box.checked; });
    var rules = ruleMatches();
    var place = region.value;
    ruleHeads.forEach(function (th) {
      th.classList.toggle("col-hidden", !rules[th.getAttribute("data-rule")]);
    });
    var visible = 0;
    rows.forEach(function (row) {
      var keep = false;
      row.querySelectorAll("td.cell").forEach(function (cell) {
        var ruleOn = rules[cell.getAttribute("data-rule")];
        var statusOn = wanted[cell.getAttribute("data-status")];
        cell.classList.toggle("col-hidden", !ruleOn);
        cell.classList.toggle("dim", !statusOn);
        keep = keep || (ruleOn && statusOn);
      });
      if (row.getAttribute("data-invalid") === "1") { keep = wanted.invalid; }
      var ok = keep && (!place || row.getAttribute("data-region") === place);
      row.hidden = !ok;
      if (ok) { visible += 1; }
    });
    shown.textContent = shown.getAttribute("data-template")
      .replace("{n}", visible).replace("{total}", rows.length);
  }

  function openDetails(row, ruleId) {
    var details = row.querySelector("tr.details");
    var last = row.getAttribute("data-last");
    var open = details.hidden || (ruleId !== null && ruleId !== last);
    details.hidden = !open;
    row.setAttribute("data-last", open && ruleId !== null ? ruleId : "");
    row.querySelectorAll("button[aria-expanded]").forEach(function (b) {
      b.setAttribute("aria-expanded", String(open));
    });
    if (!open || ruleId === null) { return; }
    var target = details.querySelector('article[data-rule="' + CSS.escape(ruleId) + '"]');
    if (!target) { return; }
    var na = target.closest("details.group");
    if (na) { na.open = true; }
    target.classList.add("flash");
    target.scrollIntoView({ block: "nearest", behavior: "smooth" });
    window.setTimeout(function () { target.classList.remove("flash"); }, 1600);
  }

  table.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) { return; }
    var row = button.closest("tbody.sub");
    var cell = button.closest("td.cell");
    openDetails(row, cell ? cell.getAttribute("data-rule") : null);
  });
  statusBoxes.forEach(function (box) { box.addEventListener("change", apply); });
  region.addEventListener("change", apply);
  search.addEventListener("input", apply);
  apply();
}());
// A link to "report.html#open=d3" opens the details of the third submission.
(function () {
  "use strict";
  var match = /^#open=d(\d+)$/.exec(window.location.hash);
  var details = match && document.getElementById("d" + match[1]);
  if (details) {
    details.hidden = false;
    details.closest("tbody.sub").querySelectorAll("button[aria-expanded]").forEach(function (b) {
      b.setAttribute("aria-expanded", "true");
    });
  }
}());
