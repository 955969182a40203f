#pragma once
// The HTML report's one style sheet and one script, inline so the report is a single file that
// opens from disk without a network. The page's Content-Security-Policy allows exactly these two
// blocks by their SHA-256 (report/html.cpp): nothing a target sent can run, even if it ever got
// past the escaping. The script only reads the page (data-verdict, data-level, data-count) and
// shows or hides rows; without it every row is shown and the filter form stays hidden.
#include <string_view>

namespace authprobe::conformance::html {

inline constexpr std::string_view style = R"css(
:root{--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;--error:#8250df;--info:#0969da;--skip:#6e7781;
  --line:#d0d7de;--muted:#57606a;--bg:#f6f8fa;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:14px}
body{margin:0 auto;max-width:1200px;padding:16px 20px;color:#1f2328}
h1{font-size:20px;margin:0 0 4px}
h2{font-size:15px;margin:20px 0 6px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h2 .counts{font-weight:normal;color:var(--muted);font-size:12px;margin-left:8px}
.meta{color:var(--muted);margin:0 0 12px}
.meta b{color:#1f2328;font-weight:600}
[hidden]{display:none!important}
.summary{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0}
.summary button{border:1px solid var(--line);border-radius:6px;background:#fff;padding:4px 10px;font:inherit;cursor:pointer}
.summary button b{font-size:16px;margin-right:4px}
.summary button[data-count="0"]{opacity:.6}
.bar{display:flex;height:8px;border-radius:4px;overflow:hidden;background:var(--bg);margin:4px 0 12px}
.bar span{flex:0 0 auto;min-width:0}
.v-PASS{color:var(--pass)}.v-FAIL{color:var(--fail)}.v-WARN{color:var(--warn)}
.v-ERROR{color:var(--error)}.v-INFO{color:var(--info)}.v-SKIP{color:var(--skip)}
.bar .v-PASS{background:var(--pass)}.bar .v-FAIL{background:var(--fail)}.bar .v-WARN{background:var(--warn)}
.bar .v-ERROR{background:var(--error)}.bar .v-INFO{background:var(--info)}.bar .v-SKIP{background:var(--skip)}
#filters{display:flex;flex-wrap:wrap;gap:4px 16px;align-items:center;padding:8px 10px;background:var(--bg);
  border:1px solid var(--line);border-radius:6px}
#filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center}
#filters legend{float:left;font-weight:600;margin-right:4px}
#filters button{font:inherit}
#shown{color:var(--muted);margin-left:auto}
.shortfalls{border:1px solid var(--error);border-radius:6px;padding:6px 12px;margin:8px 0}
details.check{border-bottom:1px solid var(--line)}
details.check>summary{display:grid;grid-template-columns:64px 92px 84px 1fr minmax(160px,30%);gap:8px;
  padding:5px 4px;cursor:pointer;list-style:none}
details.check>summary::-webkit-details-marker{display:none}
details.check>summary:hover{background:var(--bg)}
details.check[open]>summary{background:var(--bg)}
.verdict{font-weight:700}
.id{font-family:ui-monospace,monospace}
.level,.cites{color:var(--muted)}
.cites a{color:var(--info)}
.finding{padding:4px 12px 12px 24px}
.finding dl{display:grid;grid-template-columns:110px 1fr;gap:2px 12px;margin:6px 0}
.finding dt{color:var(--muted)}
.finding dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
pre,code{font-family:ui-monospace,monospace;font-size:12px}
pre{background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:6px 8px;margin:4px 0;
  white-space:pre-wrap;overflow-wrap:anywhere;max-height:24em;overflow:auto}
.exchange h4{margin:10px 0 2px;font-size:12px;color:var(--muted)}
.more{color:var(--muted)}
)css";

inline constexpr std::string_view script = R"js(
(function () {
  'use strict';
  var all = function (selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); };
  var rows = all('details.check');
  var boxes = all('#filters input[type=checkbox]');
  var shown = document.getElementById('shown');
  function apply() {
    var off = { verdict: {}, level: {} };
    boxes.forEach(function (box) { if (!box.checked) off[box.name][box.value] = true; });
    var count = 0;
    rows.forEach(function (row) {
      row.hidden = Boolean(off.verdict[row.dataset.verdict] || off.level[row.dataset.level]);
      if (!row.hidden) count += 1;
    });
    all('section.group').forEach(function (section) {
      section.hidden = section.querySelector('details.check:not([hidden])') === null;
    });
    shown.textContent = count + ' of ' + rows.length + ' checks shown';
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  // A verdict in the summary bar shows that verdict alone; clicking it again shows every verdict.
  all('.summary button').forEach(function (button) {
    button.addEventListener('click', function () {
      var verdicts = boxes.filter(function (box) { return box.name === 'verdict'; });
      var alone = verdicts.every(function (box) { return box.checked === (box.value === button.dataset.verdict); });
      verdicts.forEach(function (box) { box.checked = alone || box.value === button.dataset.verdict; });
      apply();
    });
  });
  document.getElementById('expand').addEventListener('click', function () {
    rows.forEach(function (row) { if (!row.hidden) row.open = true; });
  });
  document.getElementById('collapse').addEventListener('click', function () {
    rows.forEach(function (row) { row.open = false; });
  });
  all('.bar span').forEach(function (segment) { segment.style.flexGrow = segment.dataset.count; });
  var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target && target.tagName === 'DETAILS') target.open = true;
  document.getElementById('filters').hidden = false;
  apply();
})();
)js";

}  // namespace authprobe::conformance::html
