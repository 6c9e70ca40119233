/* CETEIcean behaviours for the edition's TEI, so that a default TEI consumer reads it as
   the edition does (pipeline.teitext.reading_text): the source's sic, the header and the
   standOff hidden (ceteicean.css), soft line-end hyphens dropped, an OCR "¬" that stays
   read as "-", printed page numbers shown, notes kept where the TEI has them (at the end,
   in back/div[@type='notes']) with their calls as links.
   What these behaviours add (page numbers, the marker of a lost call) carries the class
   "apparatus", like the site's own, so that a test can read the text without it.
   Use: new CETEI().addBehaviors(SFP_CETEI_BEHAVIORS). */
var SFP_CETEI_BEHAVIORS = (function () {
  "use strict";

  /* pc[@force='weak'] right before lb[@break='no'], nothing but white space between */
  function isSoftHyphen(pc) {
    if (pc.getAttribute("force") !== "weak") { return false; }
    var between = "";
    var node = pc.nextSibling;
    while (node && node.nodeType !== 1) {
      if (node.nodeType === 3) { between += node.nodeValue; }
      node = node.nextSibling;
    }
    return Boolean(node) && node.localName === "tei-lb" && node.getAttribute("break") === "no" &&
      between.trim() === "";
  }

  function apparatus(doc, tag, className, text) {
    var el = doc.createElement(tag);
    el.className = "apparatus " + className;
    el.textContent = text;
    return el;
  }

  return {
    namespaces: { tei: "http://www.tei-c.org/ns/1.0" },
    tei: {
      pb: function (el) {
        var n = el.getAttribute("n");
        var marker = apparatus(el.ownerDocument, "span", "pb-marker", n || "·");
        marker.title = n ? "printed page " + n + " begins" : "page break";
        return marker;
      },
      pc: function (el) {
        if (isSoftHyphen(el)) {
          el.setAttribute("data-soft", "");
          return undefined;
        }
        if (el.textContent === "¬") {
          var hyphen = el.ownerDocument.createElement("span");
          hyphen.textContent = "-";
          return hyphen;
        }
        return undefined;
      },
      /* CETEIcean would move endnotes into a list of its own and bracket the others;
         the edition's notes already stand at the end, each with its label. */
      note: function () { return undefined; },
      ref: [
        ["[type=noteAnchor]", function (el) {
          var doc = el.ownerDocument;
          var sup = doc.createElement("sup");
          var link = doc.createElement("a");
          link.setAttribute("href", el.getAttribute("target") || "#");
          sup.className = "note-call";
          sup.appendChild(link);
          if (el.textContent.trim() === "") {
            link.appendChild(apparatus(doc, "span", "lost-marker", "[" + (el.getAttribute("n") || "?") + "]"));
          } else {
            link.textContent = el.textContent;
          }
          return sup;
        }],
        ["[target]", ["<a href=\"$rw@target\">", "</a>"]]
      ]
    }
  };
}());
