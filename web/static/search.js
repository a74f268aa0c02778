/* Search page, progressive: the page works without this script (the 应用筛选 button submits the form).
   With it: ticking a facet submits at once (unticking a place also unticks the places under it),
   and long facet lists get a filter box. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var form = document.getElementById("search-form");
  if (!form) {
    return;
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type === "checkbox" && input.form === form) {
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
