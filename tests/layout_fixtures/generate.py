#!/usr/bin/env python3
"""Generate expected layout boxes for Kryon layout fixtures by asking Chromium.

Each ``NAME.json`` in this folder is a node tree with CSS-ish, snake_case property names::

    {"viewport": [800, 600],
     "root": {"style": {"padding": [10, 20]},
              "children": [{"style": {"width": 100, "height": "50%"}},
                           {"text": "Hello", "text_style": {"size": 16, "line_height": 20}}]}}

The root always fills the viewport (like Kryon's App). Every node is rendered as a ``div`` with
Kryon's defaults (``display:flex; flex-direction:column; box-sizing:border-box;
position:relative``); the page records each node's ``getBoundingClientRect()`` and this script
reads them back with ``chromium --headless --dump-dom`` and writes ``NAME.expected.json``::

    {"viewport": [800, 600], "boxes": {"r": [x, y, w, h], "r/0": [...], ...}}

Node ids are paths: ``r`` is the root, ``r/1/0`` the first child of its second child.
Text uses the bundled Inter font through ``@font-face``.

Usage: ``python3 tests/layout_fixtures/generate.py [NAME ...]`` (python3 stdlib only; needs
``chromium`` on PATH or ``$CHROMIUM``).
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = os.path.normpath(os.path.join(HERE, "..", "..", "assets", "fonts"))

LENGTH_PROPS = {
    "width": "width", "height": "height",
    "min_width": "min-width", "min_height": "min-height",
    "max_width": "max-width", "max_height": "max-height",
    "flex_basis": "flex-basis",
    "top": "top", "right": "right", "bottom": "bottom", "left": "left",
    "gap": "gap", "row_gap": "row-gap", "column_gap": "column-gap",
}
KEYWORD_PROPS = {
    "display": "display", "flex_direction": "flex-direction", "flex_wrap": "flex-wrap",
    "align_items": "align-items", "align_self": "align-self",
    "align_content": "align-content", "justify_content": "justify-content",
    "position": "position", "box_sizing": "box-sizing",
}
NUMBER_PROPS = {
    "flex_grow": "flex-grow", "flex_shrink": "flex-shrink", "order": "order",
    "aspect_ratio": "aspect-ratio",
}
EDGE_PROPS = {"padding": "padding", "margin": "margin", "border": "border-width"}
KEYWORD_VALUES = {
    "start": "flex-start", "end": "flex-end", "row_reverse": "row-reverse",
    "column_reverse": "column-reverse", "wrap_reverse": "wrap-reverse",
    "space_between": "space-between", "space_around": "space-around",
    "space_evenly": "space-evenly", "border_box": "border-box", "content_box": "content-box",
}


def length(value):
    if isinstance(value, (int, float)):
        return f"{value}px"
    if isinstance(value, str) and (value.endswith("%") or value == "auto"):
        return value
    raise ValueError(f"bad length {value!r}")


def edges(value):
    values = value if isinstance(value, list) else [value]
    if len(values) not in (1, 2, 4):
        raise ValueError(f"bad edge list {value!r}")
    return " ".join(length(v) for v in values)


def css_for(style, text_style, is_root, viewport):
    decls = []
    for key, value in style.items():
        if key in LENGTH_PROPS:
            decls.append(f"{LENGTH_PROPS[key]}:{length(value)}")
        elif key in KEYWORD_PROPS:
            decls.append(f"{KEYWORD_PROPS[key]}:{KEYWORD_VALUES.get(value, value)}")
        elif key in NUMBER_PROPS:
            decls.append(f"{NUMBER_PROPS[key]}:{value}")
        elif key in EDGE_PROPS:
            decls.append(f"{EDGE_PROPS[key]}:{edges(value)}")
        else:
            raise ValueError(f"unknown style property {key!r}")
    if is_root:
        decls += [f"width:{viewport[0]}px", f"height:{viewport[1]}px",
                  "min-width:auto", "min-height:auto", "max-width:none", "max-height:none"]
    if text_style is not None:
        size = text_style.get("size", 14)
        decls += [
            "font-family:KryonInter",
            f"font-size:{size}px",
            f"font-weight:{text_style.get('weight', 400)}",
            f"line-height:{text_style.get('line_height', size * 1.2)}px",
            "white-space:" + ("nowrap" if text_style.get("nowrap") else "pre-wrap"),
        ]
    return ";".join(decls)


def render_node(node, path, is_root, viewport, out):
    text = node.get("text")
    css = css_for(node.get("style", {}), node.get("text_style", {}) if text is not None else None,
                  is_root, viewport)
    out.append(f'<div class="k" data-id="{path}" style="{html.escape(css)}">')
    if text is not None:
        # A wrapper-less text run: the div is the text box, as a Kryon Text leaf.
        out.append(html.escape(text))
    for i, child in enumerate(node.get("children", [])):
        render_node(child, f"{path}/{i}", False, viewport, out)
    out.append("</div>")


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
@font-face {{ font-family: KryonInter; font-weight: 400; src: url("file://{fonts}/Inter-Regular.otf"); }}
@font-face {{ font-family: KryonInter; font-weight: 700; src: url("file://{fonts}/Inter-Bold.otf"); }}
html, body {{ margin: 0; padding: 0; overflow: hidden; }}
.k {{ display: flex; flex-direction: column; box-sizing: border-box; position: relative;
      flex-shrink: 1; margin: 0; padding: 0; border: 0 solid transparent; min-width: auto;
      font-family: KryonInter; font-size: 14px; font-kerning: normal;
      text-rendering: geometricPrecision; }}
</style></head><body>
{body}
<pre id="kryon-out"></pre>
<script>
document.fonts.ready.then(() => {{
  const boxes = {{}};
  for (const el of document.querySelectorAll('.k')) {{
    const r = el.getBoundingClientRect();
    boxes[el.dataset.id] = [r.x, r.y, r.width, r.height];
  }}
  document.getElementById('kryon-out').textContent = 'KRYON' + JSON.stringify(boxes) + 'KRYON';
}});
</script></body></html>
"""


def chromium():
    exe = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        sys.exit("chromium not found (apt-get install -y chromium, or set $CHROMIUM)")
    return exe


def run_fixture(name, exe):
    with open(os.path.join(HERE, name + ".json")) as f:
        fixture = json.load(f)
    viewport = fixture.get("viewport", [800, 600])
    body = []
    render_node(fixture["root"], "r", True, viewport, body)
    page = PAGE.format(fonts=FONTS, body="".join(body))
    with tempfile.TemporaryDirectory() as tmp:
        page_path = os.path.join(tmp, "page.html")
        with open(page_path, "w") as f:
            f.write(page)
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--allow-file-access-from-files", "--hide-scrollbars",
               "--force-device-scale-factor=1", "--virtual-time-budget=5000",
               f"--window-size={viewport[0] + 100},{viewport[1] + 100}",
               f"--user-data-dir={os.path.join(tmp, 'profile')}",
               "--dump-dom", "file://" + page_path]
        dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    match = re.search(r"KRYON(.*?)KRYON", dom, re.S)
    if not match:
        raise RuntimeError(f"{name}: no boxes in chromium output")
    boxes = json.loads(html.unescape(match.group(1)))
    expected = {"viewport": viewport, "boxes": dict(sorted(boxes.items()))}
    lines = [f' "{k}": {json.dumps(v)}' for k, v in expected["boxes"].items()]
    with open(os.path.join(HERE, name + ".expected.json"), "w") as f:
        f.write('{"viewport": %s,\n"boxes": {\n%s\n}}\n' % (json.dumps(viewport), ",\n".join(lines)))
    return len(boxes)


def main():
    exe = chromium()
    names = sys.argv[1:] or sorted(
        n[:-5] for n in os.listdir(HERE) if n.endswith(".json") and not n.endswith(".expected.json"))
    for name in names:
        count = run_fixture(name, exe)
        print(f"{name}: {count} boxes")


if __name__ == "__main__":
    main()
