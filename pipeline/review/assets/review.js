/* The review page's behaviour. Keys: a key press clicks the link or button that carries
   it (data-key): j/k or the arrows step through the queue, a/r accept or reject, c checks
   a question; keys typed into a field are the field's. While a decision is being built,
   the buttons are disabled, so that one press makes one decision. The document below is
   scrolled so that the item stands in the middle of its frame, with its context around. */
(function () {
  "use strict";
  var ARROWS = { ArrowRight: "j", ArrowLeft: "k" };

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function press(key) {
    var target = document.querySelector('[data-key="' + key + '"]');
    if (target) { target.click(); }
    return Boolean(target);
  }

  function busy(form) {
    form.classList.add("busy");
    document.body.classList.add("busy");
    window.setTimeout(function () {
      Array.prototype.forEach.call(document.querySelectorAll("button.act"), function (b) { b.disabled = true; });
    }, 0);
  }

  function centre(frame) {
    try {
      var id = decodeURIComponent(frame.contentWindow.location.hash.slice(1));
      var target = id && frame.contentDocument.getElementById(id);
      if (target) { target.scrollIntoView({ block: "center" }); }
    } catch (e) { /* not this server's page: leave it where it is */ }
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("message")) { window.scrollTo(0, 0); }  /* what the last action did */
    var frame = document.getElementById("document-frame");
    if (frame) {
      frame.addEventListener("load", function () { centre(frame); });
      if (frame.contentDocument && frame.contentDocument.readyState === "complete") { centre(frame); }
    }
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
      var key = ARROWS[event.key] || event.key;
      if (press(key)) { event.preventDefault(); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("form"), function (form) {
      form.addEventListener("submit", function () { busy(form); });
    });
  });
}());
