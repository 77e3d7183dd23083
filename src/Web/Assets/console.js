// Keyboard shortcuts for the review console. No framework: the pages work without this file.
// Queue: j / k move the selection, Enter or o opens it, n opens the first waiting flag.
// Flag: n next waiting flag, c confirm (focuses the category), d dismiss (focuses the reason), p print report.
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

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var body = document.body.classList;
    var rows = queueRows();
    if (body.contains("page-queue")) {
      if (event.key === "j") { select(selected + 1); event.preventDefault(); }
      else if (event.key === "k") { select(selected - 1); event.preventDefault(); }
      else if ((event.key === "Enter" || event.key === "o") && selected >= 0) { window.location.href = rows[selected].getAttribute("data-href"); }
      else if (event.key === "n" && rows.length > 0) { window.location.href = rows[0].getAttribute("data-href"); }
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
  });
})();
