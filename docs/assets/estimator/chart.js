/* The chart of the year (issue 13 item 8): every episode of the result in date order,
 * what the funds have paid so far against what you have paid so far, from the engine's
 * own per-episode figures (nothing is recomputed here). The same figures stand in a
 * table under it, for screen readers and for anyone who prefers numbers.
 *
 * - Drawn in CSS pixels: the SVG's viewBox is its width on the screen, so a 12-px
 *   label stays 12 px on a 360-px phone; redrawn when that width changes.
 * - Right to left on a right-to-left page (Uyghur): the first episode at the right,
 *   the amounts' scale on the right.
 * - An unknown amount is unknown, never 0: the line stops at the first episode whose
 *   amount the documents leave open, and the table says "unknown" from there on.
 */

import { h, svg } from "./dom.js";
import { groupDigits } from "./numbers.js";

const FUND_KEYS = ["basic", "supplementary", "major_illness", "assistance"];
const HEIGHT = 230;
const MIN_WIDTH = 260;
const TICK_GAP = 64; // px between date labels at least

/** "1,234.50" as fen (a BigInt), or null when the engine gives no amount. */
function fen(amount) {
  if (amount === null || amount === undefined) return null;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(amount));
  if (!m) return null;
  return BigInt(m[1]) * 100n + BigInt((m[2] || "0").padEnd(2, "0"));
}

function yuan(value) {
  if (value === null) return null;
  return `${value / 100n}.${String(value % 100n).padStart(2, "0")}`;
}

/** The year's episodes in date order (the engine's order on the same day), each with
 * what the funds and you paid for it and in total so far; null where unknown. */
export function yearSeries(result) {
  const episodes = (result.episodes || []).map((ep, i) => ({ ep, i }));
  episodes.sort((a, b) => {
    const x = a.ep.date || "";
    const y = b.ep.date || "";
    return x < y ? -1 : x > y ? 1 : a.i - b.i;
  });
  let fund = 0n;
  let you = 0n;
  return episodes.map(({ ep, i }) => {
    const parts = FUND_KEYS.map((key) => fen(ep[key]));
    const fundHere = parts.includes(null) ? null : parts.reduce((a, b) => a + b, 0n);
    const youHere = fen(ep.out_of_pocket);
    fund = fund === null || fundHere === null ? null : fund + fundHere;
    you = you === null || youHere === null ? null : you + youHere;
    return { index: i, date: ep.date || "", kind: ep.kind, fundHere: yuan(fundHere),
      youHere: yuan(youHere), fund: yuan(fund), you: yuan(you) };
  });
}

function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/** Methods of the estimator app (mixed into EstimatorApp). */
export class ChartView {
  renderChart() {
    if (!this.chartNode || !this.result) return;
    const series = yearSeries(this.result);
    if (!series.length) return;
    this.chartSeries = series;
    this.drawChart();
    if (!this.chartResize && typeof ResizeObserver === "function") {
      this.chartResize = new ResizeObserver(() => {
        const width = Math.round(this.chartNode.clientWidth);
        if (this.chartSeries && Math.abs(width - (this.chartWidth || 0)) > 4) this.drawChart();
      });
    }
    if (this.chartResize) {
      this.chartResize.disconnect();
      this.chartResize.observe(this.chartNode);
    }
  }

  /** "unknown" in words, or the amount with its currency. */
  chartAmount(value) {
    return value === null ? this.text("unknown_short") : this.money(value);
  }

  drawChart() {
    const series = this.chartSeries;
    const node = this.chartNode;
    node.hidden = false;
    const W = Math.max(MIN_WIDTH, Math.round(node.clientWidth || 640));
    this.chartWidth = W;
    const H = HEIGHT;
    const rtl = this.dir === "rtl";
    const known = series.flatMap((p) => [p.fund, p.you]).filter((v) => v !== null)
      .map(Number);
    const top = niceCeiling(Math.max(100, ...known));
    const ticks = [0, 0.5, 1].map((f) => top * f);
    const tickText = (v) => groupDigits(String(Math.round(v)));
    // Room for the longest amount label (12 px digits are about 7 px wide).
    const side = 14 + 7 * tickText(top).length;
    const m = { side, end: 28, t: 12, b: 30 };
    const plot = W - m.side - m.end;
    const n = series.length;
    // k = 0 is the start of the year (nothing paid yet), k = i + 1 after episode i.
    const xLtr = (k) => m.side + (k / n) * plot;
    const x = (k) => (rtl ? W - xLtr(k) : xLtr(k));
    const y = (v) => H - m.b - (v / top) * (H - m.t - m.b);
    const path = (key) => {
      const points = [[x(0), y(0)]];
      for (let i = 0; i < n && series[i][key] !== null; i += 1) {
        points.push([x(i + 1), y(Number(series[i][key]))]);
      }
      return points;
    };
    const line = (points, cls) => svg("path", { class: cls,
      d: points.map(([px, py], i) => `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`)
        .join(" ") });
    const dots = (points, cls) => points.slice(1).map(([px, py]) =>
      svg("circle", { cx: px.toFixed(1), cy: py.toFixed(1), r: 3.5, class: cls }));
    const fund = path("fund");
    const you = path("you");
    // Date labels under as many episodes as fit, always the last one.
    const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(plot / TICK_GAP))));
    const labelled = series.map((_, i) => i).filter((i) => (n - 1 - i) % every === 0);
    const scaleX = rtl ? W - m.side + 6 : m.side - 6;
    const last = series[n - 1];
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H,
      role: "img", "aria-labelledby": "est-chart-title est-chart-desc", class: "est-svg" },
    svg("title", { id: "est-chart-title" }, this.text("chart_title")),
    svg("desc", { id: "est-chart-desc" }, this.text("chart_desc", { count: n,
      fund: this.chartAmount(last.fund), you: this.chartAmount(last.you) })),
    ticks.map((v) => [
      svg("line", { x1: rtl ? m.end : m.side, x2: rtl ? W - m.side : W - m.end, y1: y(v),
        y2: y(v), class: "est-grid" }),
      svg("text", { x: scaleX, y: y(v) + 4, "text-anchor": rtl ? "start" : "end",
        class: "est-tick", direction: "ltr" }, tickText(v)),
    ]),
    labelled.map((i) => svg("text", { x: x(i + 1), y: H - m.b + 18, "text-anchor": "middle",
      class: "est-tick", direction: "ltr" }, series[i].date.slice(5))),
    line(fund, "est-line est-line-fund"), dots(fund, "est-dot est-dot-fund"),
    line(you, "est-line est-line-you"), dots(you, "est-dot est-dot-you"));
    const legend = h("p", { class: "est-legend" },
      h("span", { class: "est-key est-key-fund" }), ` ${this.text("chart_fund")} `,
      h("span", { class: "est-key est-key-you" }), ` ${this.text("chart_you_paid")}`);
    const unknownFrom = series.findIndex((p) => p.fund === null || p.you === null);
    const gap = unknownFrom >= 0 ? h("p", { class: "est-note est-chart-gap",
      text: this.text("chart_unknown", { n: unknownFrom + 1 }) }) : null;
    const cell = (value, attrs = {}) => (value === null
      ? h("td", { class: "est-unknown", "data-amount": "", ...attrs },
        this.text("unknown_short"))
      : h("td", { class: "est-num", dir: "ltr", "data-amount": value, ...attrs },
        this.money(value)));
    const table = h("table", { class: "est-table est-chart-table" },
      h("caption", { text: this.text("chart_table") }),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col", text: this.text("chart_visit") }),
        h("th", { scope: "col", text: this.text("chart_fund") }),
        h("th", { scope: "col", text: this.text("chart_you_paid") }))),
      h("tbody", {}, series.map((p, i) => h("tr", { "data-episode": String(p.index) },
        h("th", { scope: "row" }, `${i + 1} · `, h("bdi", { dir: "ltr", text: p.date }),
          ` · ${this.enumLabel("kinds", p.kind)}`),
        cell(p.fund, { "data-col": "fund" }),
        cell(p.you, { "data-col": "you" })))));
    const data = h("details", { class: "est-chart-data" },
      h("summary", { text: this.text("chart_data") }),
      h("div", { class: "est-scroll", role: "region", tabindex: "0",
        "aria-label": this.text("chart_table") }, table));
    node.textContent = "";
    node.append(...[h("figcaption", { text: this.text("chart_title") }), chart, legend, gap,
      data].filter(Boolean));
    node.dataset.points = String(n);
    node.dataset.rtl = String(rtl);
  }
}
