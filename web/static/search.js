/* Search page, progressive: the page works without this script (the 应用筛选 button submits the form).
   With it: ticking a facet submits at once (unticking a place also unticks the places under it) and the
   new page puts the focus back on that box; long facet lists get a filter box; on narrow screens the
   facets fold behind the 筛选 button; shift-click on the year chart selects the years between. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("search-form");
  if (!form) {
    return;
  }
  var FOCUS_KEY = "nianbao.focus";
  var panel = document.getElementById("facet-panel");
  var narrow = window.matchMedia("(max-width: 800px)");

  function remember(input) {
    try {
      sessionStorage.setItem(FOCUS_KEY, JSON.stringify({ name: input.name, value: input.value }));
    } catch (error) { /* storage off: the focus starts at the top, as without the script */ }
  }

  function restoreFocus() {
    var wanted = null;
    try {
      wanted = JSON.parse(sessionStorage.getItem(FOCUS_KEY) || "null");
      sessionStorage.removeItem(FOCUS_KEY);
    } catch (error) {
      return false;
    }
    if (!wanted) {
      return false;
    }
    var boxes = document.querySelectorAll("input[type=checkbox][name='" + wanted.name.replace(/[^a-z_]/g, "") + "']");
    var box = Array.prototype.find.call(boxes, function (candidate) { return candidate.value === wanted.value; });
    var target = box || (boxes.length ? boxes[0] : document.getElementById("facet-" + wanted.name));
    if (!target) {
      return false;
    }
    var folded = target.closest("details.facet-more");
    if (folded) {
      folded.open = true;
    }
    if (panel) {
      panel.open = true;
    }
    if (target.tagName === "FIELDSET") {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
    return true;
  }

  if (panel) {
    var restored = restoreFocus();
    panel.open = restored || !narrow.matches;
    narrow.addEventListener("change", function () {
      panel.open = !narrow.matches;
    });
  }

  document.addEventListener("click", function (event) {
    var bar = event.target.closest ? event.target.closest("button.year-bar") : null;
    if (!bar || !event.shiftKey) {
      return;
    }
    var years = Array.prototype.map.call(document.querySelectorAll("button.year-bar.selected"), function (selected) {
      return Number(selected.getAttribute("data-year"));
    });
    if (!years.length) {
      return;
    }
    years.push(Number(bar.getAttribute("data-year")));
    event.preventDefault(); /* a shift-click would open the result in a new window */
    bar.value = Math.min.apply(null, years) + "-" + Math.max.apply(null, years);
    bar.form.requestSubmit(bar);
  });

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type === "checkbox" && input.form === form) {
      remember(input);
      if (!input.checked) {
        // Unticking a place unticks the places listed under it (their values are its path + "/…").
        Array.prototype.forEach.call(input.closest(".facet").querySelectorAll("input[type=checkbox]"), function (box) {
          if (box.value.indexOf(input.value + "/") === 0) {
            box.checked = false;
          }
        });
      }
      form.requestSubmit();
    }
  });

  Array.prototype.forEach.call(document.querySelectorAll(".facet-filter"), function (box) {
    var facet = box.closest(".facet");
    var more = facet.querySelector(".facet-more");
    var options = facet.querySelectorAll(".facet-options li");
    box.hidden = false;
    box.addEventListener("input", function () {
      var wanted = box.value.trim().toLowerCase();
      Array.prototype.forEach.call(options, function (option) {
        option.hidden = wanted !== "" && option.textContent.toLowerCase().indexOf(wanted) < 0;
      });
      if (more && wanted !== "") {
        more.open = true;
      }
    });
  });
})();
