"""The lecturer's slides and handouts as a projector and a printer show them.

The kit is built from the notebooks (as ``make slides`` and ``make handouts`` do, on a smaller run), then:

* every topic's deck is opened from disk in Chromium at the projector's 1920×1080 and a laptop's 1366×768 with
  the network cut off: reveal.js starts, every slide is there, the course font (DejaVu Sans) is the one used, no
  request leaves the folder, no script error, the first slide's title is the notebook's title with its
  diacritics, and no slide's content is taller than the slide; the title slide and the first chart slide of
  each deck are saved as PNG in ``tests/browser/output/kit/``;
* the first page of every handout is drawn to PNG by PDFium (the PDF engine of Chromium) at 110 dpi, saved
  beside them, and must hold ink (not a blank page).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from exercises.giang_vien.kit import build, sources

SEED = 2026
SIZES = {"1920x1080": (1920, 1080), "1366x768": (1366, 768)}


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kit")
    drawn = build.artifacts(seed=SEED, customers=1500, scale=1.0)
    build.build_slides(out / "slides", drawn)
    build.build_handouts(out / "handouts", drawn)
    return out


@pytest.fixture(scope="module")
def shots(output_dir: Path) -> Path:
    folder = output_dir / "kit"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


_DECK_REPORT_JS = """
async () => {
  await document.fonts.ready;
  const slides = Reveal.getSlides();
  const tall = [];
  const height = Reveal.getConfig().height;
  slides.forEach((s, i) => { if (s.scrollHeight > height + 2) tall.push(i + 1); });
  const title = document.querySelector('.reveal .slides section h1, .reveal .slides section h2');
  return {ready: Reveal.isReady(), total: Reveal.getTotalSlides(), tall,
          title: title ? title.textContent.trim() : '',
          font: getComputedStyle(document.querySelector('.reveal')).fontFamily,
          dejavu: document.fonts.check('30px "DejaVu Sans"'),
          chart: slides.findIndex((s) => s.querySelector('img'))};
}
"""


@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_deck_opens_offline_with_its_title_font_and_slides(kit: Path, shots: Path, browser, size: str):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN", offline=True)
    try:
        for topic, notebook in sources.topic_notebooks().items():
            page = context.new_page()
            errors: list[str] = []
            outside: list[str] = []
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            page.on("request", lambda request, outside=outside: outside.append(request.url)
                    if not request.url.startswith(("file://", "data:")) else None)
            deck = kit / "slides" / f"chu_de_{topic:02d}.html"
            page.goto(deck.as_uri())
            page.wait_for_function("() => window.Reveal && Reveal.isReady()")
            report = page.evaluate(_DECK_REPORT_JS)
            name = f"chu_de_{topic:02d}"
            assert errors == [] and outside == [], (name, errors, outside)
            assert report["total"] >= 6, (name, report)
            assert report["dejavu"] and report["font"].startswith('"DejaVu Sans"'), (name, report["font"])
            title = sources.notebook_text(notebook).title
            assert unicodedata.normalize("NFC", report["title"]) == title, (name, report["title"], title)
            assert report["tall"] == [], f"{name}: slides {report['tall']} are taller than the slide"
            page.screenshot(path=str(shots / f"{name}.{size}.title.png"))
            if report["chart"] >= 0:
                page.evaluate(f"Reveal.slide({report['chart']})")
                page.wait_for_timeout(100)
                page.screenshot(path=str(shots / f"{name}.{size}.chart.png"))
            page.close()
    finally:
        context.close()


def test_every_handout_draws_a_first_page_with_ink(kit: Path, shots: Path):
    import pypdfium2  # noqa: PLC0415 (optional: browser extra)

    for topic in sources.topic_notebooks():
        path = kit / "handouts" / f"chu_de_{topic:02d}.pdf"
        document = pypdfium2.PdfDocument(str(path))
        try:
            assert len(document) >= 1
            image = document[0].render(scale=110 / 72).to_pil().convert("L")
        finally:
            document.close()
        image.save(shots / f"chu_de_{topic:02d}.handout.png")
        dark = sum(image.histogram()[:128])
        assert dark > 0.01 * image.width * image.height, f"chu_de_{topic:02d}: the first page is nearly blank"
