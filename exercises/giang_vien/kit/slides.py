"""Slides for each topic: reveal.js decks built from the topic notebook and the course's charts, offline.

A deck is made from what its notebook says (:func:`.sources.notebook_text`): the title, the goals
(«Mục tiêu»), the lecture's idea («Ý tưởng của bài giảng», split into slides of a readable length), the
topic's charts and tables (:mod:`.artifacts`), one slide per discussion question, the summary («Tóm tắt»)
and the sources. When a notebook changes, ``make slides`` follows it.

The output folder holds one ``chu_de_NN.html`` per topic, an ``index.html``, the local copy of reveal.js
(``reveal/``, from ``vendor/reveal.js``), the course's theme (``theme/ecrm.css``) with the DejaVu Sans
fonts of :mod:`sim.charts` (full Vietnamese glyphs) and the charts as PNG files (``hinh/``). Nothing
is fetched from the Internet: open ``index.html`` in any browser, or put the folder on a USB stick.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import mistune

from exercises.giang_vien.kit import VENDOR_DIR
from exercises.giang_vien.kit.artifacts import Artifact
from exercises.giang_vien.kit.sources import NotebookText

FONT_DIR = Path(__file__).resolve().parents[3] / "sim" / "charts" / "fonts"
COURSE = "Quản trị quan hệ khách hàng điện tử (e-CRM)"
SLIDE_CHARS = 650
"""Roughly how much text fits on a 1280 × 720 slide at the theme's font size."""

_markdown = mistune.create_markdown(plugins=["table", "strikethrough"], escape=True)

THEME = """
@font-face { font-family: "DejaVu Sans"; src: url("fonts/DejaVuSans.ttf") format("truetype"); font-weight: normal; }
@font-face { font-family: "DejaVu Sans"; src: url("fonts/DejaVuSans-Bold.ttf") format("truetype"); font-weight: bold; }
:root { --ecrm-blue: #1f4e79; --ecrm-grey: #595959; }
.reveal-viewport { background: #ffffff; }
.reveal { font-family: "DejaVu Sans", sans-serif; font-size: 30px; color: #1a1a1a; }
.reveal .slides section { text-align: left; top: 0; }
.reveal h1, .reveal h2, .reveal h3 { font-family: "DejaVu Sans", sans-serif; color: var(--ecrm-blue); line-height: 1.2;
  margin: 0 0 0.5em 0; text-transform: none; }
.reveal h1 { font-size: 1.9em; } .reveal h2 { font-size: 1.35em; } .reveal h3 { font-size: 1.1em; }
.reveal p, .reveal li { line-height: 1.35; } .reveal ul, .reveal ol { display: block; margin-left: 1.1em; }
.reveal li { margin-bottom: 0.25em; }
.reveal code { font-family: "DejaVu Sans", sans-serif; background: #f0f3f7; padding: 0 0.15em; font-size: 0.9em; }
.reveal pre { font-size: 0.45em; box-shadow: none; } .reveal pre code { background: #f7f7f7; max-height: 560px; }
.reveal table { border-collapse: collapse; font-size: 0.62em; margin: 0.3em 0; }
.reveal th, .reveal td { border: 1px solid #c8c8c8; padding: 0.2em 0.45em; vertical-align: top; text-align: left; }
.reveal th { background: #eef3f8; }
.reveal .title-slide { text-align: center; } .reveal .title-slide h1 { margin-top: 1.2em; }
.reveal .course { color: var(--ecrm-grey); font-size: 0.8em; }
.reveal .source { color: var(--ecrm-grey); font-size: 0.7em; }
.reveal figure { margin: 0; text-align: center; }
.reveal figure img { height: 540px; width: auto; max-width: 100%; object-fit: contain; margin: 0; }
.reveal figcaption { color: var(--ecrm-grey); font-size: 0.6em; }
.reveal .question { font-size: 1.15em; line-height: 1.4; margin-top: 0.6em; }
.reveal .note { color: #a61c00; font-size: 0.7em; }
.reveal .slide-number { font-family: "DejaVu Sans", sans-serif; font-size: 16px; }
.index li { font-size: 22px; }
"""


@dataclass(frozen=True)
class Deck:
    """A topic's deck: its number, title and slides (each the inner HTML of a ``<section>``)."""

    topic: int
    title: str
    slides: tuple[str, ...]


def md(text: str) -> str:
    """Markdown (as the notebooks write it) as HTML; raw HTML in the text is escaped, not kept."""
    return _markdown(text)


def _blocks(text: str) -> list[str]:
    """Top-level markdown blocks: paragraphs, lists, tables, code fences and sub-headings stay whole."""
    blocks, current, fence = [], [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        if not line.strip() and not fence:
            if current:
                blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def split_slides(text: str, limit: int = SLIDE_CHARS) -> list[str]:
    """Markdown split into slide-sized pieces at block boundaries; a ``###`` heading starts a new piece."""
    pieces: list[list[str]] = [[]]
    size = 0
    for block in _blocks(text):
        starts = block.startswith("### ")
        if pieces[-1] and (starts or size + len(block) > limit):
            pieces.append([])
            size = 0
        pieces[-1].append(block)
        size += len(block)
    return ["\n\n".join(p) for p in pieces if p]


def source_line(idea: str) -> tuple[str, str]:
    """The lecture idea without its closing «Nguồn: …» paragraph, and that paragraph."""
    match = re.search(r"(?ms)^Nguồn:.*?(?=\n\s*\n|\Z)", idea)
    if not match:
        return idea, ""
    return (idea[: match.start()] + idea[match.end():]).strip(), match.group(0).strip()


def _artifact_html(artifact: Artifact, image: str | None) -> str:
    caption = html.escape(artifact.caption)
    if artifact.note:
        return f"<h2>{caption}</h2><p class='note'>{html.escape(artifact.note)}</p>"
    if image:
        return (f"<h2>{caption}</h2><figure><img src='{image}' alt='{caption}'></figure>")
    head = "".join(f"<th>{html.escape(h)}</th>" for h in artifact.header)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in artifact.rows)
    return f"<h2>{caption}</h2><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def build_deck(topic: int, text: NotebookText, questions: list[str], artifacts: list[Artifact],
               images: dict[int, str], notebook: str = "") -> Deck:
    """The slides of one topic.

    Args:
        topic: 0–15.
        notebook: the notebook's file name, shown on the title slide.
        text: the topic notebook's sections.
        questions: its discussion questions.
        artifacts: its charts and tables.
        images: artifact index → the PNG's path relative to the deck (charts only).
    """
    idea, source = source_line(text.get("Ý tưởng"))
    slides = [f"<div class='title-slide'><p class='course'>{html.escape(COURSE)}</p><h1>{html.escape(text.title)}</h1>"
              f"<p class='course'>Chủ đề {topic} · sổ tay <code>notebooks/{html.escape(notebook)}</code></p></div>"]
    goals = text.get("Mục tiêu")
    if goals:
        slides.append(f"<h2>Mục tiêu</h2>{md(goals)}")
    for n, piece in enumerate(split_slides(idea), start=1):
        heading = "Ý tưởng của bài giảng" + (f" ({n})" if n > 1 else "")
        slides.append(f"<h2>{heading}</h2>{md(piece)}")
    slides += [_artifact_html(a, images.get(i)) for i, a in enumerate(artifacts)]
    for n, question in enumerate(questions, start=1):
        slides.append(f"<h2>Câu hỏi thảo luận {n}/{len(questions)}</h2><div class='question'>{md(question)}</div>")
    summary = text.get("Tóm tắt")
    if summary:
        slides.append(f"<h2>Tóm tắt</h2>{md(summary)}")
    if source:
        slides.append(f"<h2>Nguồn</h2><div class='source'>{md(source)}</div>")
    return Deck(topic, text.title, tuple(slides))


def deck_html(deck: Deck) -> str:
    """A complete HTML page for the deck, loading only files of the output folder."""
    sections = "\n".join(f"<section>{s}</section>" for s in deck.slides)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(deck.title)} – {html.escape(COURSE)}</title>
<link rel="stylesheet" href="reveal/reset.css">
<link rel="stylesheet" href="reveal/reveal.css">
<link rel="stylesheet" href="theme/ecrm.css">
</head>
<body>
<div class="reveal"><div class="slides">
{sections}
</div></div>
<script src="reveal/reveal.js"></script>
<script>Reveal.initialize({{hash: true, slideNumber: "c/t", width: 1280, height: 720, margin: 0.04, transition: "none",
  center: false}});</script>
</body>
</html>
"""


def index_html(decks: list[Deck]) -> str:
    """The folder's start page: one link per topic."""
    items = "\n".join(f'<li><a href="chu_de_{d.topic:02d}.html">{html.escape(d.title)}</a></li>' for d in decks)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>Bài giảng – {html.escape(COURSE)}</title>
<link rel="stylesheet" href="theme/ecrm.css"></head>
<body class="index" style="font-family: 'DejaVu Sans', sans-serif; margin: 2em;">
<h1>{html.escape(COURSE)}: trình chiếu theo chủ đề</h1>
<p>Mở một chủ đề; phím mũi tên để chuyển trang, phím F để toàn màn hình, phím Esc để xem mọi trang.
Không cần Internet.</p>
<ol start="0">
{items}
</ol>
</body>
</html>
"""


def copy_assets(out: Path) -> None:
    """Copy reveal.js, its licence, the theme and the fonts into the output folder."""
    (out / "reveal").mkdir(parents=True, exist_ok=True)
    for name in ("reveal.js", "reveal.css", "reset.css", "LICENSE", "README.md"):
        shutil.copyfile(VENDOR_DIR / "reveal.js" / name, out / "reveal" / name)
    (out / "theme" / "fonts").mkdir(parents=True, exist_ok=True)
    (out / "theme" / "ecrm.css").write_text(THEME.lstrip(), encoding="utf-8")
    for font in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):
        shutil.copyfile(FONT_DIR / font, out / "theme" / "fonts" / font)


def write_decks(out: Path, decks: list[tuple[Deck, dict[str, bytes]]]) -> list[Path]:
    """Write every deck, its images, the index and the assets into ``out``; returns the HTML files written."""
    out = Path(out)
    copy_assets(out)
    (out / "hinh").mkdir(exist_ok=True)
    written = []
    for deck, images in decks:
        for name, png in images.items():
            (out / name).write_bytes(png)
        path = out / f"chu_de_{deck.topic:02d}.html"
        path.write_text(deck_html(deck), encoding="utf-8")
        written.append(path)
    (out / "index.html").write_text(index_html([d for d, _ in decks]), encoding="utf-8")
    return written


__all__ = ["COURSE", "THEME", "Deck", "build_deck", "copy_assets", "deck_html", "index_html", "md", "source_line",
           "split_slides", "write_decks"]
