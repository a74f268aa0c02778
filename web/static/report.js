/* Document view: the contents fold into a menu on narrow screens (closed once a section is chosen), and
   the query's matches (#m1 … #mN) are stepped through with 上一处/下一处 or the n/p keys, showing which one
   is current. Without this script the contents stay open above the text and the links still jump from
   match to match. */
(function () {
  "use strict";
  var toc = document.getElementById("toc");
  var narrow = window.matchMedia("(max-width: 800px)");
  if (toc) {
    toc.open = !narrow.matches;
    narrow.addEventListener("change", function () {
      toc.open = !narrow.matches;
    });
    toc.addEventListener("click", function (event) {
      if (narrow.matches && event.target.closest("nav a")) {
        toc.open = false;
      }
    });
  }
})();

(function () {
  "use strict";
  var bar = document.getElementById("match-bar");
  var hits = Array.prototype.slice.call(document.querySelectorAll("a.hit"));
  var next = document.getElementById("match-next");
  var previous = document.getElementById("match-prev");
  var position = document.getElementById("match-position");
  if (!bar || !hits.length || !next || !previous || !position) {
    return;
  }
  var current = -1;
  var upcoming = 0; /* where a step forward goes while no match is current */

  function show(index) {
    if (current >= 0) {
      hits[current].classList.remove("current");
    }
    current = (index + hits.length) % hits.length;
    var hit = hits[current];
    hit.classList.add("current");
    hit.focus({ preventScroll: true });
    hit.scrollIntoView({ block: "center" });
    position.textContent = "第 " + (current + 1) + " / " + hits.length + " 处";
    history.replaceState(null, "", "#" + hit.id);
  }

  function step(delta) {
    show(current < 0 ? upcoming + (delta > 0 ? 0 : -1) : current + delta);
  }

  next.addEventListener("click", function (event) {
    event.preventDefault();
    step(1);
  });
  previous.addEventListener("click", function (event) {
    event.preventDefault();
    step(-1);
  });
  hits.forEach(function (hit, index) {
    hit.addEventListener("click", function (event) {
      event.preventDefault();
      show(index + 1);
    });
  });
  document.addEventListener("keydown", function (event) {
    var tag = event.target.tagName;
    if (event.ctrlKey || event.metaKey || event.altKey || tag === "INPUT" || tag === "TEXTAREA") {
      return;
    }
    if (event.key === "n" || event.key === "j") {
      step(1);
    } else if (event.key === "p" || event.key === "k") {
      step(-1);
    }
  });

  /* Arriving at #mK marks that match; arriving at a section (#sec-problems, #s3) makes 下一处 go to
     the first match from there on. */
  var target = location.hash ? document.getElementById(location.hash.slice(1)) : null; /* ids are ASCII: no decoding, so #%E4 cannot throw */
  var matched = /^#m(\d+)$/.exec(location.hash);
  if (matched && target) {
    show(Number(matched[1]) - 1);
  } else if (target) {
    var following = hits.findIndex(function (hit) {
      return target === hit || target.compareDocumentPosition(hit) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    upcoming = following < 0 ? hits.length : following;
  }
})();
