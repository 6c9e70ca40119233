"""A page that renders one TEI document with CETEIcean, the edition's behaviours and
stylesheet: the proof that the TEI reads right in a default TEI consumer.

The TEI is put into the page as a JavaScript string (not fetched), so the page works from
``file://``, where browsers refuse ``fetch``. CETEIcean (vendored, 1.9.5) and the two
assets are copied beside the page; nothing is loaded from elsewhere.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.publish.html import h, page

HERE = Path(__file__).resolve().parent
FILES = {"CETEI.js": HERE / "vendor" / "CETEI.js",
         "ceteicean.css": HERE / "assets" / "ceteicean.css",
         "ceteicean-behaviors.js": HERE / "assets" / "ceteicean-behaviors.js"}


def write_ceteicean_page(tei_path: Path, out_dir: Path, project_behaviours: bool = True) -> Path:
    """Write ``out_dir/<name>.html`` rendering ``tei_path`` with CETEIcean; return its path.
    When the rendering is done, ``body`` has ``data-rendered="true"``. Without
    ``project_behaviours`` the page is CETEIcean as any other site would run it: its default
    behaviours and the CSS of the TEI's own ``tagsDecl``, nothing of ours
    (``<name>.defaults.html``)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, source in FILES.items():
        (out_dir / name).write_bytes(source.read_bytes())
    stem = Path(tei_path).stem
    target = out_dir / (f"{stem}.html" if project_behaviours else f"{stem}.defaults.html")
    target.write_bytes(ceteicean_page(Path(tei_path).read_text(encoding="utf-8"), stem, project_behaviours))
    return target


def ceteicean_page(tei_xml: str, title: str, project_behaviours: bool = True) -> bytes:
    scripts = [h("script", {"src": "ceteicean-behaviors.js"})] if project_behaviours else []
    body = h("body", {"class": "ceteicean"},
             h("div", {"id": "TEI"}),
             *scripts,
             h("script", None, render_script(tei_xml, project_behaviours)))
    return page(f"{title} (CETEIcean)", "ceteicean.css" if project_behaviours else None, "CETEI.js", body)


def render_script(tei_xml: str, project_behaviours: bool = True) -> str:
    """The inline script: the TEI as a JSON string (``</`` escaped, so the string cannot
    close the script element) handed to CETEIcean."""
    source = json.dumps(tei_xml).replace("</", "<\\/")
    return ("var tei = " + source + ";\n"
            "var cetei = new CETEI({ignoreFragmentId: true});\n"
            + ("cetei.addBehaviors(SFP_CETEI_BEHAVIORS);\n" if project_behaviours else "")
            + "cetei.makeHTML5(tei, function (data) {\n"
            "  document.getElementById('TEI').appendChild(data);\n"
            "  document.body.setAttribute('data-rendered', 'true');\n"
            "});\n")
