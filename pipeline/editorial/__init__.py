"""The editors' decisions as data: read (``decisions``), anchored in the raw text
(``anchors``), applied on every build (``apply``, ``structure``), and the copies of one
text the edition holds linked (``witnesses``)."""
