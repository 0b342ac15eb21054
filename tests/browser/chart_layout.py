"""What a student sees of each chart on the page: does it fit its cell, is any of its text on top of other text or cut?

The checks read the page as drawn (bounding boxes in CSS pixels), for every Altair chart (``.vega-embed``) and the
dashboard's funnel (``.ecrm-chart``, a widget sized to the screen around the SVG the page draws):

* **wider than its cell**: the chart (its SVG, and vega-embed's box with the "…" menu) reaches past the right edge of
  the output area that holds it, or that output area scrolls sideways (the widget around the dashboard's SVG is
  layout, not chart: only its SVG is measured);
* **text on text**: two visible SVG ``text`` elements of one chart whose boxes overlap by more than
  :data:`OVERLAP_TOLERANCE_PX` both across and down (a rotated axis title on long labels, bubble names on each
  other), or two texts on one line less than :data:`MIN_GAP_PX` apart ("80%100%" ticks);
* **cut text**: a text element reaching outside its chart's SVG (clipped), a label shortened with "…" by a length
  limit, or white text (written inside a bar) sticking out of the bar it is written on.

A chart drawn on a canvas has no text elements to check and is reported as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

SIZES: dict[str, tuple[int, int]] = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}
"""The two screens: a student's laptop (with JupyterLab's file browser open) and a classroom projector."""
OVERLAP_TOLERANCE_PX = 2.0
"""Two text boxes may share this much (the boxes are a little taller than the letters)."""
MIN_GAP_PX = 2.0
"""Two texts on one line (tick labels side by side) need at least this much space between them ("80%100%" has none)."""
FIT_TOLERANCE_PX = 1.0
"""Rounding of sub-pixel positions."""

_CHART_REPORT_JS = """
([overlapTolerance, fitTolerance, minGap]) => {
  const round = (x) => Math.round(x * 10) / 10;
  const rectOf = (e) => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                                                                         width: r.width, height: r.height}; };
  const shown = (e, stop) => {
    for (let n = e; n && n !== stop; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  const light = (colour) => {
    const m = /rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)/.exec(colour || '');
    return m ? (0.2126 * m[1] + 0.7152 * m[2] + 0.0722 * m[3]) / 255 > 0.8 : false;
  };
  const charts = [];
  const roots = Array.from(document.querySelectorAll('.vega-embed, .ecrm-chart'))
      .filter((e) => !e.parentElement.closest('.vega-embed, .ecrm-chart'));
  roots.forEach((root, index) => {
    const outer = rectOf(root);
    if (outer.width === 0 && outer.height === 0) return;  // not on screen (a collapsed output)
    const svg = root.querySelector('svg');
    const canvas = root.querySelector('canvas');
    const output = root.closest('.jp-OutputArea-output') || root.parentElement;
    const cell = rectOf(output);
    const drawn = rectOf(svg || canvas || root);
    // vega-embed's box is the chart with its "…" menu; the dashboard's .ecrm-chart is a widget around the SVG (no menu)
    const box = root.classList.contains('vega-embed') ? outer : drawn;
    const titles = svg ? Array.from(svg.querySelectorAll('.role-title-text text, .role-title text'))
        .filter((t) => t.textContent.trim()) : [];
    const size = (t) => parseFloat(getComputedStyle(t).fontSize) || 0;
    const title = titles.length ? titles.reduce((a, b) => (size(b) > size(a) ? b : a)).textContent.trim() : '';
    const entry = {index, title: title.slice(0, 80), kind: svg ? 'svg' : (canvas ? 'canvas' : 'none'),
                   chart_width: round(drawn.width), box_width: round(box.width), cell_width: round(cell.width),
                   overflow_px: round(Math.max(drawn.right, box.right) - cell.right),
                   scrolls: output.scrollWidth > output.clientWidth + fitTolerance,
                   texts: 0, overlaps: [], cut: []};
    charts.push(entry);
    if (!svg) return;
    const frame = rectOf(svg);
    const texts = Array.from(svg.querySelectorAll('text'))
        .filter((t) => t.textContent.trim() && shown(t, svg.parentElement))
        .map((t) => ({e: t, text: t.textContent.trim(), r: rectOf(t), fill: getComputedStyle(t).fill}))
        .filter((t) => t.r.width > 0 && t.r.height > 0);
    entry.texts = texts.length;
    const bars = Array.from(svg.querySelectorAll('.mark-rect path, .mark-rect rect, .role-mark.mark-rect > *'))
        .filter((b) => shown(b, svg.parentElement)).map(rectOf).filter((r) => r.width > 0 && r.height > 0);
    for (let i = 0; i < texts.length; i++) {
      const a = texts[i];
      if (a.r.left < frame.left - fitTolerance || a.r.right > frame.right + fitTolerance ||
          a.r.top < frame.top - fitTolerance || a.r.bottom > frame.bottom + fitTolerance) {
        entry.cut.push(`outside the chart: «${a.text}»`);
      }
      if (a.text.endsWith('…')) entry.cut.push(`shortened: «${a.text}»`);
      if (light(a.fill)) {
        const cx = (a.r.left + a.r.right) / 2, cy = (a.r.top + a.r.bottom) / 2;
        const under = bars.filter((b) => b.left <= cx && cx <= b.right && b.top <= cy && cy <= b.bottom);
        const inside = under.some((b) => a.r.left >= b.left - fitTolerance && a.r.right <= b.right + fitTolerance);
        if (!inside) entry.cut.push(`white text past its bar: «${a.text}»`);
      }
      for (let j = i + 1; j < texts.length; j++) {
        const b = texts[j];
        const across = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const down = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        const sameLine = down > 0.5 * Math.min(a.r.height, b.r.height);
        if ((sameLine && across > -minGap) || (across > overlapTolerance && down > overlapTolerance)) {
          entry.overlaps.push(`«${a.text}» × «${b.text}» (${round(across)} × ${round(down)} px)`);
        }
      }
    }
  });
  return charts;
}
"""


def chart_report(page: Page) -> list[dict[str, Any]]:
    """Every chart on the page with its width, its cell's width, and its overlapping and cut text."""
    return page.evaluate(_CHART_REPORT_JS, [OVERLAP_TOLERANCE_PX, FIT_TOLERANCE_PX, MIN_GAP_PX])


def problems(charts: list[dict[str, Any]], size: str) -> list[str]:
    """One line per defect (the size, the chart's number on the page and title, what is wrong)."""
    lines = []
    for chart in charts:
        name = f"{size} chart {chart['index'] + 1}" + (f" «{chart['title']}»" if chart["title"] else "")
        if chart["overflow_px"] > FIT_TOLERANCE_PX or chart["scrolls"]:
            lines.append(f"{name}: wider than its cell ({chart['box_width']:.0f} px in {chart['cell_width']:.0f} px, "
                         f"{chart['overflow_px']:.0f} px hidden)")
        if chart["kind"] != "svg":
            lines.append(f"{name}: drawn on a {chart['kind']}, its text cannot be checked")
        lines += [f"{name}: text on text {overlap}" for overlap in chart["overlaps"]]
        lines += [f"{name}: cut text {cut}" for cut in chart["cut"]]
    return lines


def open_file_browser(page: Page) -> float:
    """Make sure JupyterLab's file browser is open in the left sidebar (as a student has it); return its width in px."""
    opened = "() => { const e = document.querySelector('#filebrowser'); return !!e && e.getBoundingClientRect().width > 0; }"
    if not page.evaluate(opened):
        page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']").click()
        page.wait_for_function(opened)
    return page.evaluate("() => document.querySelector('#filebrowser').getBoundingClientRect().width")


def resize(page: Page, size: str) -> None:
    """Set the window to one of :data:`SIZES` and let the page lay out and the charts redraw."""
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_timeout(1500)


def screenshot_charts(page: Page, folder, prefix: str) -> int:
    """Save each chart's output area as ``<prefix>_chart<NN>.png`` (what the student sees of it, cut where the cell cuts it)."""
    holding = ".jp-OutputArea-output:has(.vega-embed, .ecrm-chart)"
    outputs = page.locator(holding)
    saved = 0
    for i in range(outputs.count()):
        target = outputs.nth(i)
        if target.locator(holding).count():  # a panel's output holding the chart's own output: that one is saved
            continue
        target.scroll_into_view_if_needed()
        target.screenshot(path=str(folder / f"{prefix}_chart{saved + 1:02d}.png"))
        saved += 1
    return saved
