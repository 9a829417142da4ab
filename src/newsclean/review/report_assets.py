"""The review report's style sheet, script and kind colours, inlined into every page it writes.

Kept apart from :mod:`newsclean.review.report` so that the page's Python is
not lost among CSS and JavaScript. The script is plain JavaScript with no
library: kind filters (a pressed kind shows only removals of the pressed
kinds, and only the documents that have one) and a search box over each
document's text.
"""

from __future__ import annotations

#: One colour per removal kind, readable as a tint behind text and as a chart bar.
KIND_COLOURS = {
    "navigation": "#4e79a7", "related": "#59a14f", "caption": "#b07aa1", "media": "#9c755f",
    "advertising": "#e15759", "social": "#76b7b2", "promo": "#f28e2b", "sidebar": "#edc948",
    "comments": "#ff9da7", "duplicate": "#8c8c8c", "metadata": "#2f4b7c", "other": "#bab0ac",
}

STYLE = """
:root { color-scheme: light; --ink: #1d2330; --muted: #667085; --line: #e3e6ec; --bg: #f7f8fa; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--bg); }
header.top { background: #1d2330; color: #fff; padding: 14px 28px; }
header.top h1 { margin: 0; font-size: 20px; font-weight: 600; }
header.top .meta { margin: 2px 0 0; color: #c4cad6; font-size: 13px; }
main { max-width: 1100px; margin: 0 auto; padding: 18px 28px 60px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 120px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); font-size: 13px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px; margin-top: 14px; }
.chart { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.chart figcaption { font-weight: 600; font-size: 13px; margin-bottom: 6px; }
.chart svg { font-size: 11px; fill: var(--ink); overflow: visible; }
.chart .empty { color: var(--muted); margin: 0; }
.inputs, .skipped { margin: 10px 0 0; font-size: 13px; color: var(--muted); }
#controls { position: sticky; top: 0; z-index: 2; background: var(--bg); padding: 12px 0 8px;
            border-bottom: 1px solid var(--line); margin: 18px 0 12px; }
#search { width: 100%; padding: 8px 12px; font-size: 15px; border: 1px solid #cfd4dc; border-radius: 6px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.chip { border: 1px solid var(--kind, #999); border-left-width: 6px; background: #fff; color: var(--ink);
        border-radius: 14px; padding: 2px 10px; font-size: 13px; cursor: pointer; }
.chip small { color: var(--muted); }
.chip[aria-pressed="true"] { background: var(--kind); color: #fff; }
.chip[aria-pressed="true"] small { color: #eef; }
.chip.clear { border-color: #999; border-left-width: 1px; }
#count { margin: 6px 0 0; font-size: 13px; color: var(--muted); }
.doc { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin: 12px 0; }
.doc h2 { margin: 0; font-size: 18px; }
.dek { margin: 2px 0 0; color: var(--muted); }
.fields { display: grid; grid-template-columns: max-content 1fr; gap: 1px 12px; margin: 10px 0; font-size: 13px; }
.fields dt { color: var(--muted); }
.fields dd { margin: 0; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.page { border-top: 1px solid var(--line); padding-top: 8px; }
.page p { margin: 4px 0; }
.rm { background: color-mix(in srgb, var(--kind) 14%, white); border-left: 4px solid var(--kind);
      padding: 1px 8px; border-radius: 3px; font-size: 14px; }
.rm .txt { text-decoration: line-through; text-decoration-color: color-mix(in srgb, var(--kind) 70%, black);
           color: #4a5060; }
.rm .tag { float: right; margin-left: 10px; font-size: 11px; font-family: ui-monospace, monospace;
           color: color-mix(in srgb, var(--kind) 75%, black); }
.shared { background: #fff4cc; border-left: 4px solid #d4a000; padding: 1px 8px; border-radius: 3px; }
.shared .tag { float: right; margin-left: 10px; font-size: 11px; font-family: ui-monospace, monospace;
               color: #7a5c00; }
.dates { margin-top: 8px; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td code { font-size: 12px; overflow-wrap: anywhere; }
#rejects { margin-top: 28px; }
.more { color: var(--muted); font-style: italic; }
mark { background: #ffe27a; }
"""

SCRIPT = """
(function () {
  'use strict';
  var pressed = new Set();
  var search = document.getElementById('search');
  var docs = Array.prototype.slice.call(document.querySelectorAll('article.doc'));
  var chips = Array.prototype.slice.call(document.querySelectorAll('.chip[data-kind]'));
  var count = document.getElementById('count');
  var noMatch = document.getElementById('no-match');
  var texts = docs.map(function (doc) { return doc.textContent.toLowerCase(); });

  function apply() {
    var query = search.value.trim().toLowerCase();
    document.querySelectorAll('.rm').forEach(function (piece) {
      piece.hidden = pressed.size > 0 && !pressed.has(piece.dataset.kind);
    });
    var visible = 0;
    docs.forEach(function (doc, i) {
      var kinds = doc.dataset.kinds ? doc.dataset.kinds.split(' ') : [];
      var kindOk = pressed.size === 0 || kinds.some(function (k) { return pressed.has(k); });
      var textOk = query === '' || texts[i].indexOf(query) !== -1;
      doc.hidden = !(kindOk && textOk);
      if (!doc.hidden) { visible += 1; }
    });
    count.textContent = visible + ' of ' + docs.length + ' documents shown' +
      (pressed.size ? ' · removals of: ' + Array.from(pressed).join(', ') : '');
    noMatch.hidden = visible !== 0 || docs.length === 0;
  }

  chips.forEach(function (chip) {
    chip.addEventListener('click', function () {
      var kind = chip.dataset.kind;
      if (pressed.has(kind)) { pressed.delete(kind); } else { pressed.add(kind); }
      chip.setAttribute('aria-pressed', pressed.has(kind) ? 'true' : 'false');
      apply();
    });
  });
  document.getElementById('clear').addEventListener('click', function () {
    pressed.clear();
    chips.forEach(function (chip) { chip.setAttribute('aria-pressed', 'false'); });
    search.value = '';
    apply();
  });
  search.addEventListener('input', apply);
  apply();
}());
"""
