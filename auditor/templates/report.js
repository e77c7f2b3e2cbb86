// auditor HTML report: sorting and filtering (index), highlights, tooltips, filters and keyboard
// navigation (article pages). Inlined in every page; no network, no storage, no dependencies.
(function () {
  "use strict";
  var doc = document, body = doc.body;
  function $(sel, root) { return (root || doc).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
  function typing(e) {
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT") return !/^(checkbox|radio|button|submit|reset)$/.test(t.type);
    return tag === "SELECT" || tag === "TEXTAREA" || (t && t.isContentEditable);
  }

  // ---- help dialog (every page)
  var help = $("#help"), helpReturn = null;
  function toggleHelp(show) {
    if (!help) return;
    if (show === undefined) show = help.hidden;
    if (show) { helpReturn = doc.activeElement; help.hidden = false; $("button", help).focus(); }
    else { help.hidden = true; if (helpReturn && helpReturn.focus) helpReturn.focus(); }
  }
  $$("[data-help]").forEach(function (b) { b.addEventListener("click", function () { toggleHelp(true); }); });
  $$("[data-help-close]").forEach(function (b) { b.addEventListener("click", function () { toggleHelp(false); }); });
  if (help) help.addEventListener("click", function (e) { if (e.target === help) toggleHelp(false); });

  // ---- index: sortable, filterable table
  var table = $("#articles");
  if (table) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.forEach(function (r, i) { r._i = i; r._text = r.textContent.toLowerCase() + " " + (r.getAttribute("data-rules") || "").toLowerCase(); });
    var ths = Array.prototype.slice.call(table.tHead.rows[0].cells);
    ths.forEach(function (th, col) {
      var btn = $("button", th);
      if (!btn) return;
      btn.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sortBy(col, dir, th.getAttribute("data-type") === "num");
        ths.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
      });
    });
    var sortBy = function (col, dir, numeric) {
      var sign = dir === "ascending" ? 1 : -1;
      var keyed = rows.map(function (r) {
        var v = r.cells[col].getAttribute("data-v");
        return { r: r, v: numeric ? parseFloat(v) : (v || "").toLowerCase() };
      });
      keyed.sort(function (a, b) {
        if (a.v < b.v) return -sign;
        if (a.v > b.v) return sign;
        return a.r._i - b.r._i;
      });
      var frag = doc.createDocumentFragment();
      keyed.forEach(function (k) { frag.appendChild(k.r); });
      tbody.appendChild(frag);
    };
    var q = $("#filter"), fv = $("#f-verdict"), fc = $("#f-cat"), fl = $("#f-lang");
    var shown = $("#shown"), none = $("#none-shown");
    var apply = function () {
      var words = (q.value || "").toLowerCase().split(/\s+/).filter(Boolean);
      var verdict = fv.value, cat = fc.value, lang = fl ? fl.value : "";
      var n = 0;
      rows.forEach(function (r) {
        var ok = (!verdict || r.getAttribute("data-verdict") === verdict)
          && (!cat || (" " + r.getAttribute("data-cats") + " ").indexOf(" " + cat + " ") >= 0)
          && (!lang || r.getAttribute("data-lang") === lang)
          && words.every(function (w) { return r._text.indexOf(w) >= 0; });
        r.hidden = !ok;
        if (ok) n++;
      });
      shown.textContent = n.toLocaleString("en") + " of " + rows.length.toLocaleString("en") + " shown";
      none.hidden = n > 0;
      $$(".catbtn").forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-cat") === cat)); });
    };
    [q, fv, fc, fl].forEach(function (el) {
      if (!el) return;
      el.addEventListener("input", apply);
      el.addEventListener("change", apply);
    });
    var form = q.form;
    if (form) form.addEventListener("submit", function (e) { e.preventDefault(); });
    $$(".catbtn").forEach(function (b) {
      b.addEventListener("click", function () {
        var c = b.getAttribute("data-cat");
        fc.value = fc.value === c ? "" : c;
        apply();
        table.scrollIntoView({ block: "start" });
      });
    });
    apply();
  }

  // ---- score breakdowns: the five largest costs, the rest on demand
  $$("[data-more]").forEach(function (b) {
    var t = b.closest("table");
    t.classList.add("collapsed");
    var label = b.textContent;
    b.addEventListener("click", function () {
      var open = t.classList.toggle("collapsed") === false;
      b.setAttribute("aria-expanded", String(open));
      b.textContent = open ? "show fewer" : label;
    });
  });

  // ---- article page
  var text = $("#text");
  var tip = $("#tip");
  var heads = text ? $$("mark.m[id]", text) : [];
  var current = -1;

  function idsAt(el) {
    // the findings covering a mark: the mark itself and every enclosing mark, innermost first
    var ids = [];
    for (var m = el; m && m !== text; m = m.parentElement) {
      if (m.tagName === "MARK" && !m.classList.contains("off")) {
        var id = m.getAttribute("data-f");
        if (ids.indexOf(id) < 0) ids.push(id);
      }
    }
    return ids;
  }
  function showTip(mark) {
    if (!tip) return;
    clearTimeout(hideTimer);
    var ids = idsAt(mark);
    if (!ids.length) { hideTip(); return; }
    tip.textContent = "";
    ids.forEach(function (id) {
      var item = doc.getElementById("d-" + id);
      if (!item) return;
      var copy = item.cloneNode(true);
      copy.removeAttribute("id");
      copy.classList.remove("current", "off");
      var why = $('#whys [data-rule="' + item.getAttribute("data-rule") + '"] .why');
      if (why) copy.appendChild(why.cloneNode(true));
      tip.appendChild(copy);
    });
    tip.hidden = false;
    var r = mark.getBoundingClientRect();
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(Math.max(8, r.left), doc.documentElement.clientWidth - w - 8);
    var top = r.bottom + 8;
    if (top + h > window.innerHeight && r.top - h - 8 > 0) top = r.top - h - 8;
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
  }
  var hideTimer = null;
  function hideTip() { if (tip) tip.hidden = true; }
  function hideSoon() { clearTimeout(hideTimer); hideTimer = setTimeout(hideTip, 250); }

  function visibleHeads() {
    return heads.filter(function (m) { return !m.classList.contains("off"); });
  }
  function markItem(id) {
    $$(".fi.current").forEach(function (el) { el.classList.remove("current"); });
    var item = doc.getElementById("d-" + id);
    if (item) {
      item.classList.add("current");
      var box = item.closest(".side-in");
      if (box) {
        var ib = item.getBoundingClientRect(), bb = box.getBoundingClientRect();
        if (ib.top < bb.top || ib.bottom > bb.bottom) box.scrollTop += ib.top - bb.top - bb.height / 3;
      }
    }
  }
  function goTo(mark, flash) {
    $$("mark.current", text).forEach(function (el) { el.classList.remove("current"); });
    mark.classList.add("current");
    mark.focus({ preventScroll: true });
    mark.scrollIntoView({ block: "center" });
    current = heads.indexOf(mark);
    markItem(mark.id);
    if (flash) {
      mark.classList.remove("flash");
      void mark.offsetWidth;
      mark.classList.add("flash");
    }
    showTip(mark);
  }
  function step(delta) {
    var list = visibleHeads();
    if (!list.length) return;
    var at = -1;
    var active = doc.activeElement;
    var from = (active && active.tagName === "MARK" && active.id) ? active : heads[current];
    if (from) {
      at = list.indexOf(from);
      if (at < 0) {
        // the current finding was hidden by a filter: continue from its position in the text
        var pos = heads.indexOf(from);
        at = delta > 0 ? -1 : list.length;
        for (var i = 0; i < list.length; i++) {
          if (heads.indexOf(list[i]) < pos) at = delta > 0 ? i : i + 1; else break;
        }
      }
    }
    var next = at + delta;
    if (next < 0) next = list.length - 1;
    if (next >= list.length) next = 0;
    goTo(list[next], false);
  }

  if (text) {
    text.addEventListener("mouseover", function (e) {
      var m = e.target.closest && e.target.closest("mark.m");
      if (m && text.contains(m)) { clearTimeout(hideTimer); showTip(m); }
    });
    text.addEventListener("mouseout", function (e) {
      var m = e.target.closest && e.target.closest("mark.m");
      if (m && !(e.relatedTarget && tip.contains(e.relatedTarget))) hideSoon();
    });
    text.addEventListener("focusin", function (e) {
      var m = e.target;
      if (m.tagName === "MARK") {
        current = heads.indexOf(m);
        markItem(m.id);
        showTip(m);
      }
    });
    text.addEventListener("focusout", function () { hideSoon(); });
    if (tip) {
      tip.addEventListener("mouseover", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseout", function (e) { if (!tip.contains(e.relatedTarget)) hideSoon(); });
    }
    // side list: scroll to the finding and focus it
    $$(".fi a.go").forEach(function (a) {
      a.addEventListener("click", function (e) {
        var mark = doc.getElementById(a.getAttribute("href").slice(1));
        if (!mark) return;
        e.preventDefault();
        if (history.replaceState) history.replaceState(null, "", "#" + mark.id);
        goTo(mark, true);
      });
    });
    // category filters
    $$(".filters input[data-cat]").forEach(function (box) {
      box.addEventListener("change", function () {
        var cat = box.getAttribute("data-cat"), off = !box.checked;
        $$(".c-" + cat).forEach(function (el) {
          if (el.tagName === "MARK" || el.classList.contains("fi") || el.classList.contains("group")) el.classList.toggle("off", off);
        });
        hideTip();
      });
    });
    // source inventory: "line N" selects the source's words in the text
    var lines = $$(".l", text);
    $$("button[data-line]").forEach(function (b) {
      b.addEventListener("click", function () {
        var line = lines[parseInt(b.getAttribute("data-line"), 10) - 1];
        if (!line) return;
        var from = parseInt(b.getAttribute("data-col"), 10), to = from + parseInt(b.getAttribute("data-len"), 10);
        var walk = doc.createTreeWalker(line, NodeFilter.SHOW_TEXT), node, seen = 0, range = doc.createRange(), started = false;
        while ((node = walk.nextNode())) {
          var n = node.nodeValue.length;
          if (!started && from <= seen + n) { range.setStart(node, from - seen); started = true; }
          if (started && to <= seen + n) { range.setEnd(node, to - seen); break; }
          seen += n;
        }
        if (!started) return;
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        line.scrollIntoView({ block: "center" });
      });
    });
    // a link from elsewhere (#f3, #c2-1): show that finding
    if (location.hash.length > 1) {
      var target = doc.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target && target.tagName === "MARK") goTo(target, true);
    }
  }

  // ---- keyboard
  doc.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "Escape") {
      if (help && !help.hidden) toggleHelp(false); else hideTip();
      return;
    }
    if (typing(e)) return;
    if (help && !help.hidden && e.key !== "?") return;
    var k = e.key;
    if (k === "?") { toggleHelp(); e.preventDefault(); return; }
    if (text && (k === "j" || k === "n")) { step(1); e.preventDefault(); return; }
    if (text && (k === "k" || k === "p")) { step(-1); e.preventDefault(); return; }
    if (k === "]" && body.getAttribute("data-next")) { location.href = body.getAttribute("data-next"); return; }
    if (k === "[" && body.getAttribute("data-prev")) { location.href = body.getAttribute("data-prev"); return; }
    if (k === "u") { location.href = (body.getAttribute("data-root") || "") + "index.html"; return; }
    if (k === "/" && $("#filter")) { $("#filter").focus(); e.preventDefault(); }
  });
})();
