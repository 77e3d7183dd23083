// Keyboard shortcuts for the review console. No framework: the pages work without this file.
// Queue: j / k move the selection, Enter or o opens it, n opens the first waiting flag, x ticks it.
// Flag: n next waiting flag, c confirm (focuses the category), d dismiss (focuses the reason), p print report.
// Queue selection for bulk actions: shift-click ticks the range from the last ticked box, the header box ticks the
// whole page, x ticks the highlighted row; the bulk form shows how many are ticked. Without the script every box
// still ticks on its own and the form still posts.
(function () {
  "use strict";

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function queueRows() {
    return Array.prototype.slice.call(document.querySelectorAll("#queue-table tbody tr[data-href]"));
  }

  var selected = -1;

  function select(index) {
    var rows = queueRows();
    if (rows.length === 0) { return; }
    selected = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("selected", i === selected); });
    rows[selected].scrollIntoView({ block: "nearest" });
  }

  function flagBoxes() {
    return Array.prototype.slice.call(document.querySelectorAll("#queue-table input.select-flag"));
  }

  var lastTicked = -1;

  function showSelection() {
    var boxes = flagBoxes();
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    var count = document.getElementById("bulk-count");
    if (count) { count.textContent = count.getAttribute("data-template").replace("{0}", String(ticked)); }
    var all = document.getElementById("select-page");
    if (all) {
      all.checked = boxes.length > 0 && ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
    boxes.forEach(function (box) { box.closest("tr").classList.toggle("ticked", box.checked); });
  }

  function onBoxClick(event) {
    var boxes = flagBoxes();
    var index = boxes.indexOf(event.target);
    if (index < 0) { return; }
    if (event.shiftKey && lastTicked >= 0) {
      var from = Math.min(lastTicked, index), to = Math.max(lastTicked, index);
      for (var i = from; i <= to; i++) { boxes[i].checked = event.target.checked; }
    }
    lastTicked = index;
    showSelection();
  }

    document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var body = document.body.classList;
    var rows = queueRows();
    if (body.contains("page-queue")) {
      if (event.key === "j") { select(selected + 1); event.preventDefault(); }
      else if (event.key === "k") { select(selected - 1); event.preventDefault(); }
      else if ((event.key === "Enter" || event.key === "o") && selected >= 0) { window.location.href = rows[selected].getAttribute("data-href"); }
      else if (event.key === "n" && rows.length > 0) { window.location.href = rows[0].getAttribute("data-href"); }
      else if (event.key === "x" && selected >= 0) {
        var box = rows[selected].querySelector("input.select-flag");
        if (box) { box.checked = !box.checked; lastTicked = flagBoxes().indexOf(box); showSelection(); }
      }
    } else if (body.contains("page-flag")) {
      var next = document.getElementById("next-flag");
      if (event.key === "n" && next) { window.location.href = next.getAttribute("href"); }
      else if (event.key === "c" && document.getElementById("confirm-category")) { document.getElementById("confirm-category").focus(); event.preventDefault(); }
      else if (event.key === "d" && document.getElementById("dismiss-reason")) { document.getElementById("dismiss-reason").focus(); event.preventDefault(); }
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var print = document.getElementById("print");
    if (print) { print.addEventListener("click", function () { window.print(); }); }
    var table = document.getElementById("queue-table");
    if (table) { table.addEventListener("click", function (event) { if (event.target.classList.contains("select-flag")) { onBoxClick(event); } }); }
    var all = document.getElementById("select-page");
    if (all) {
      all.addEventListener("change", function () {
        flagBoxes().forEach(function (box) { box.checked = all.checked; });
        lastTicked = -1;
        showSelection();
      });
    }
    if (document.getElementById("bulk-form")) { showSelection(); }
  });
})();
