// vardval HTML report: the matrix drawn from the page's data, filters, sorting, details on
// demand, CSV export. Plain JS, no libraries, no network. Rows are drawn a page at a time
// (more as the reader scrolls), so 2,000 submissions open at once.
(function () {
  "use strict";
  var started = window.performance ? performance.now() : 0;
  var table = document.getElementById("matrix");
  if (!table) { return; }
  var words = JSON.parse(document.getElementById("words").textContent);
  var data = JSON.parse(document.getElementById("data").textContent);
  var head = table.tHead.rows[0];
  var FIXED = 6;
  var PAGE = 200;
  var ruleHeads = Array.prototype.slice.call(head.querySelectorAll("th.rule"));
  var rules = ruleHeads.map(function (th) {
    return { id: th.getAttribute("data-rule"), sev: th.getAttribute("data-sev"),
             search: th.getAttribute("data-search"), title: th.getAttribute("title") };
  });
  var statusBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=status]"));
  var region = document.getElementById("f-region");
  var severity = document.getElementById("f-severity");
  var search = document.getElementById("f-rule");
  var onlyDup = document.getElementById("f-dup");
  var shown = document.getElementById("shown");
  var more = document.getElementById("more");
  var columnStyle = document.createElement("style");
  document.head.appendChild(columnStyle);
  var STATUS = { f: "fail", i: "indeterminate", p: "pass", n: "not_applicable" };
  var SYMBOL = { f: "✗", i: "?", p: "✓", n: "–", fail: "✗", indeterminate: "?", pass: "✓",
                 not_applicable: "–", invalid: "!" };
  var SEVLETTER = { error: "e", warning: "w", info: "i" };
  var WORST = { invalid: 0, fail: 1, indeterminate: 2, pass: 3, not_applicable: 4 };
  var SEV = { error: 0, warning: 1, info: 2, "": 3 };
  var RANK = { f: 0, i: 1, p: 2, n: 3 };
  var order = data.slice();   // the rows in their current sort order
  var visible = [];           // the rows passing the filters, in that order
  var drawn = 0;

  data.forEach(function (item) {   // a row repeated (same clinic and period) marks its first
    if (item.d && data[item.d - 1]) { data[item.d - 1].dupFirst = true; }
  });
  var regions = {};
  data.forEach(function (item) { regions[item.r] = true; });
  Object.keys(regions).sort().forEach(function (name) {
    if (!name) { return; }
    var option = document.createElement("option");
    option.value = name;
    option.textContent = name;
    region.appendChild(option);
  });

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function rowHtml(item) {
    var flag = item.d ? '<b class="dup" title="' + escapeHtml(words.duplicate.replace("{n}", item.d)) +
      '">⚠</b>' : (item.dupFirst ? '<b class="dup">⚠</b>' : "");
    var sev = item.v ? '<i class="sev sev-' + SEVLETTER[item.v] + '">' + escapeHtml(words[item.v]) + "</i>" : "";
    var html = '<tbody class="sub" data-i="' + item.i + '"><tr><th class="clinic" scope="row">' +
      '<button type="button" aria-expanded="false" title="' + escapeHtml(words.details) + '">' + flag +
      escapeHtml(item.n) + "<small>" + escapeHtml(item.f.split(/[\\/]/).pop()) + "</small></button></th>" +
      "<td>" + escapeHtml(item.r) + "</td><td>" + escapeHtml(item.p) + '</td><td class="w-' + item.w +
      '">' + SYMBOL[item.w] + '<span class="sr">' + escapeHtml(words[item.w]) + "</span></td><td>" + sev +
      "</td><td>" + item.x + "</td>";
    if (!item.s) {
      html += '<td class="invalid-row" colspan="' + rules.length + '">! ' + escapeHtml(words.invalid) +
        ": " + (item.problems || []).length + "</td>";
    }
    for (var k = 0; k < item.s.length; k += 1) {
      var letter = item.s.charAt(k);
      var cls = letter === "f" || letter === "i" ? letter + SEVLETTER[rules[k].sev] : letter;
      html += '<td class="' + cls + '">' + SYMBOL[letter] + "</td>";
    }
    return html + "</tr></tbody>";
  }

  function drawMore() {
    var end = Math.min(drawn + PAGE, visible.length);
    var html = "";
    for (var k = drawn; k < end; k += 1) { html += rowHtml(visible[k]); }
    table.insertAdjacentHTML("beforeend", html);
    drawn = end;
    more.hidden = drawn >= visible.length;
    more.textContent = words.more.replace("{n}", drawn).replace("{total}", visible.length);
  }

  function redraw() {
    while (table.tBodies.length) { table.removeChild(table.tBodies[0]); }
    drawn = 0;
    drawMore();
  }

  function visibleRules() {
    var query = search.value.trim().toLowerCase();
    var sev = severity.value;
    return rules.map(function (rule) {
      return (!query || rule.search.indexOf(query) >= 0) && (!sev || rule.sev === sev);
    });
  }

  function apply() {
    var wanted = {};
    statusBoxes.forEach(function (box) { wanted[box.value] = box.checked; });
    var on = visibleRules();
    var hide = [];
    on.forEach(function (isOn, k) {
      if (!isOn) { hide.push("#matrix tr > :nth-child(" + (k + FIXED + 1) + ")"); }
    });
    var dim = Object.keys(STATUS).filter(function (l) { return !wanted[STATUS[l]]; })
      .map(function (l) { return "#matrix td[class^=" + l + "]"; });
    columnStyle.textContent = (hide.length ? hide.join(",") + "{display:none}" : "") +
      (dim.length ? dim.join(",") + "{opacity:.2}" : "");
    var place = region.value;
    var dupOnly = onlyDup.checked;
    visible = order.filter(function (item) {
      var keep = false;
      if (!item.s) {
        keep = wanted.invalid;
      } else {
        for (var k = 0; k < item.s.length && !keep; k += 1) {
          keep = on[k] && wanted[STATUS[item.s.charAt(k)]];
        }
      }
      return keep && (!place || item.r === place) && (!dupOnly || item.d || item.dupFirst);
    });
    shown.textContent = shown.getAttribute("data-template")
      .replace("{n}", visible.length).replace("{total}", data.length);
    redraw();
  }

  // Sorting: by a fixed column's key, or by a rule's status (failures first).
  var sortState = { key: null, up: true };
  function sortKey(key, item) {
    if (key === "name") { return item.n.toLowerCase(); }
    if (key === "region") { return item.r; }
    if (key === "period") { return item.p; }
    if (key === "worst") { return WORST[item.w]; }
    if (key === "sev") { return SEV[item.v || ""]; }
    if (key === "fails") { return -item.x; }
    var rank = RANK[item.s.charAt(Number(key))];
    return rank === undefined ? 4 : rank;
  }
  function sortBy(key, th) {
    sortState.up = sortState.key === key ? !sortState.up : true;
    sortState.key = key;
    var keyed = data.map(function (item, index) { return { item: item, key: sortKey(key, item), index: index }; });
    keyed.sort(function (a, b) {
      var less = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return (sortState.up ? less : -less) || a.index - b.index;
    });
    order = keyed.map(function (entry) { return entry.item; });
    Array.prototype.forEach.call(head.cells, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", sortState.up ? "ascending" : "descending");
    apply();
  }
  head.addEventListener("click", function (event) {
    var th = event.target.closest("th");
    if (!th) { return; }
    var index = ruleHeads.indexOf(th);
    var key = index >= 0 ? String(index) : th.getAttribute("data-key");
    if (key !== null) { sortBy(key, th); }
  });

  // A cell's title is set when the pointer reaches it (not written for every cell).
  table.addEventListener("mouseover", function (event) {
    var cell = event.target.closest("td");
    if (!cell || cell.title || cell.cellIndex < FIXED) { return; }
    var rule = rules[cell.cellIndex - FIXED];
    var status = STATUS[cell.className.charAt(0)];
    if (rule && status) { cell.title = rule.id + ": " + words[status] + " (" + words[rule.sev] + ")"; }
  });

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function card(ruleIndex, letter, message, evidence, notes, waiver) {
    var rule = rules[ruleIndex];
    var article = element("article", "finding");
    article.setAttribute("data-rule", rule.id);
    var title = element("h3");
    title.appendChild(element("span", "sym s-" + STATUS[letter], SYMBOL[letter]));
    title.appendChild(element("span", "", rule.title));
    article.appendChild(title);
    if (message) { article.appendChild(element("p", "", message)); }
    (notes || []).forEach(function (note) { article.appendChild(element("p", "note", words.note + ": " + note)); });
    if (waiver) { article.appendChild(element("p", "note", words.waiver + ": " + waiver)); }
    if (evidence && evidence.length) {
      var box = element("div");
      box.appendChild(element("b", "", words.evidence));
      var list = element("ul", "evidence");
      evidence.forEach(function (item) { list.appendChild(element("li", "", item)); });
      box.appendChild(list);
      article.appendChild(box);
    }
    var source = document.getElementById("rule-" + rule.id);
    if (source && (letter === "f" || letter === "i")) {
      var cites = source.querySelector("ul.cites");
      var where = source.querySelector("p.src");
      if (cites) { article.appendChild(element("b", "", words.citations)); article.appendChild(cites.cloneNode(true)); }
      if (where) { article.appendChild(where.cloneNode(true)); }
    }
    return article;
  }

  function group(label, indexes, letter) {
    if (!indexes.length) { return null; }
    var box = element("details", "group");
    box.appendChild(element("summary", "", label + " (" + indexes.length + ")"));
    indexes.forEach(function (k) { box.appendChild(card(k, letter)); });
    return box;
  }

  function detailsOf(item) {
    var box = element("td");
    box.colSpan = FIXED + rules.length;
    var facts = element("div", "details-head");
    [item.n, item.f, item.h, item.sha256 ? "sha256 " + item.sha256.slice(0, 12) : ""]
      .forEach(function (text, k) { if (text) { facts.appendChild(element(k ? "span" : "b", "", text)); } });
    box.appendChild(facts);
    if (item.d) { box.appendChild(element("p", "note", words.duplicate.replace("{n}", item.d))); }
    (item.notes || []).forEach(function (note) { box.appendChild(element("p", "note", words.note + ": " + note)); });
    if (item.problems) {
      box.appendChild(element("h3", "", words.problems));
      var list = element("ul", "problems");
      item.problems.forEach(function (p) { list.appendChild(element("li", "", p)); });
      box.appendChild(list);
      return box;
    }
    item.open.forEach(function (f) { box.appendChild(card(f[0], f[1], f[2], f[3], f[4], f[5])); });
    var passed = [], notApplicable = [];
    for (var k = 0; k < item.s.length; k += 1) {
      if (item.s.charAt(k) === "p") { passed.push(k); }
      if (item.s.charAt(k) === "n") { notApplicable.push(k); }
    }
    [group(words.passed, passed, "p"), group(words.not_applicable_n, notApplicable, "n")]
      .forEach(function (g) { if (g) { box.appendChild(g); } });
    return box;
  }

  function toggle(body, ruleIndex) {
    var item = data[Number(body.getAttribute("data-i")) - 1];
    var open = body.rows.length > 1;
    if (open && ruleIndex === null) {
      body.deleteRow(1);
    } else if (!open) {
      var tr = element("tr", "details");
      tr.appendChild(detailsOf(item));
      body.appendChild(tr);
    }
    body.querySelector("button").setAttribute("aria-expanded", String(body.rows.length > 1));
    if (ruleIndex === null || body.rows.length < 2) { return; }
    var target = body.rows[1].querySelector('article[data-rule="' + CSS.escape(rules[ruleIndex].id) + '"]');
    if (!target) { return; }
    var folded = target.closest("details.group");
    if (folded) { folded.open = true; }
    target.classList.add("flash");
    target.scrollIntoView({ block: "nearest" });
  }
  table.addEventListener("click", function (event) {
    var body = event.target.closest("tbody.sub");
    if (!body || event.target.closest("tr.details")) { return; }
    var cell = event.target.closest("td");
    var ruleIndex = cell && cell.cellIndex >= FIXED ? cell.cellIndex - FIXED : null;
    if (ruleIndex === null && !event.target.closest("button")) { return; }
    toggle(body, ruleIndex);
  });

  // CSV of every row the filters keep (drawn or not), in the order shown.
  function csvField(text) {
    var value = String(text);
    if (/^[=+\-@\t\r]/.test(value)) { value = "'" + value; }  // never a formula in a spreadsheet
    return /[",\n;]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }
  function csv() {
    var on = visibleRules();
    var header = [words.clinic, words.hsa_id, words.file, words.region, words.period, words.worst,
                  words.severity, words.fails, words.duplicates];
    rules.forEach(function (rule, k) { if (on[k]) { header.push(rule.id); } });
    var lines = [header.map(csvField).join(",")];
    visible.forEach(function (item) {
      var fields = [item.n, item.h, item.f, item.r, item.p, words[item.w], item.v ? words[item.v] : "",
                    item.x, item.d || (item.dupFirst ? item.i : "")];
      rules.forEach(function (rule, k) {
        if (on[k]) { fields.push(item.s ? words[STATUS[item.s.charAt(k)]] : words.invalid); }
      });
      lines.push(fields.map(csvField).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  window.vardvalCsv = csv;
  document.getElementById("export").addEventListener("click", function () {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([csv()], { type: "text/csv;charset=utf-8" }));
    link.download = "vardval-matrix.csv";
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });

  if ("IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      if (entries[0].isIntersecting && drawn < visible.length) { drawMore(); }
    }, { rootMargin: "600px" }).observe(more);
  }
  more.addEventListener("click", drawMore);
  statusBoxes.forEach(function (box) { box.addEventListener("change", apply); });
  [region, severity, onlyDup].forEach(function (control) { control.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  apply();
  var match = /^#open=d(\d+)$/.exec(window.location.hash);  // report.html#open=d3
  var body = match && table.querySelector('tbody.sub[data-i="' + match[1] + '"]');
  if (body) { toggle(body, null); }
  document.documentElement.setAttribute("data-ready", String(Math.round(
    (window.performance ? performance.now() : 0) - started)));
}());
