"""The section as one self-contained HTML page: UTF-8 text, tables, and charts embedded as PNG data.

The page needs no other file and no network: each chart is an ``<img>`` whose ``src`` is a
``data:image/png;base64,…`` URI, so it can be opened offline, attached to an e-mail, or copied
into a word processor (select all, copy, paste keeps headings, tables and pictures).
"""

from __future__ import annotations

import base64
from html import escape

from sim.report.section import Block, Figure, Heading, Paragraph, Table

STYLE = """
body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.45;
       max-width: 52em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; font-size: 0.85em; }
caption { caption-side: top; text-align: left; font-style: italic; padding: 0.3em 0; }
th, td { border: 1px solid #888; padding: 0.2em 0.45em; vertical-align: top; text-align: left; }
th { background: #eee; }
figure { margin: 0.8em 0 1.4em; } figure img { max-width: 100%; height: auto; }
figcaption { font-style: italic; }
p.prompt { background: #fff4ce; border-left: 4px solid #c98a00; padding: 0.3em 0.6em; font-style: italic; }
p.note { font-size: 0.85em; color: #444; white-space: pre-line; }
"""
"""Plain print-friendly styling; Times New Roman first, as Vietnamese university reports use it."""


def _table(block: Table) -> str:
    frame = block.frame
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f"<table>\n<caption>{escape(block.caption)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>{rows}</tbody>\n</table>"


def _figure(block: Figure) -> str:
    data = base64.b64encode(block.png).decode("ascii")
    return (f'<figure>\n<img src="data:image/png;base64,{data}" alt="{escape(block.caption)}">\n'
            f"<figcaption>{escape(block.caption)}</figcaption>\n</figure>")


def to_html(blocks: list[Block], title: str) -> str:
    """The blocks as a complete HTML5 page (``lang="vi"``, UTF-8), headings ``<h1>``/``<h2>``, captions kept.

    Args:
        blocks: the section of :func:`sim.report.section.build_section`.
        title: the page's ``<title>``.
    """
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            css = "" if block.kind in ("body", "group") else f' class="{block.kind}"'
            parts.append(f"<p{css}>{escape(block.text)}</p>")
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Figure) and block.png:
            parts.append(_figure(block))
    body = "\n".join(parts)
    return (f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


__all__ = ["STYLE", "to_html"]
