/* The chart under the result. */

import { h, svg } from "./dom.js";
import { SPLIT_PARTS } from "./constants.js";
import { groupDigits } from "./numbers.js";
import { ask } from "./runtime.js";

const CHART_POINTS = 20;

/** Methods of the estimator app (mixed into EstimatorApp). */
export class ChartView {
  /* ---- chart ---- */

  async renderChart(c) {
    const index = (this.result.episodes || []).findIndex((e) =>
      e.out_of_pocket !== null && e.out_of_pocket !== undefined);
    if (index < 0) return;
    const base = c.episodes[index];
    const total = Number(base.cost.total);
    if (!(total > 0)) return;
    const top = niceCeiling(Math.max(total * 2, 1000));
    const sizes = Array.from({ length: CHART_POINTS }, (_, i) =>
      Math.round((top * (i + 1)) / CHART_POINTS));
    const cases = sizes.map((size) => {
      const scale = size / total;
      const cost = { total: size.toFixed(2) };
      for (const part of SPLIT_PARTS) {
        if (base.cost[part]) cost[part] = (Math.floor(Number(base.cost[part]) * scale * 100) / 100).toFixed(2);
      }
      return { ...c, episodes: [{ ...base, cost }] };
    });
    const chartFor = this.lastCase;
    const reply = await ask("estimate_many", { cases });
    if (!reply.ok || chartFor !== this.lastCase || !this.chartNode) return;
    const points = [];
    reply.result.forEach((one, i) => {
      const pay = one.ok && one.result.totals && one.result.totals.out_of_pocket;
      if (pay !== null && pay !== undefined && pay !== false) {
        points.push({ x: sizes[i], y: Number(pay) });
      }
    });
    if (points.length < 2) return;
    this.drawChart(points, total, top);
  }

  drawChart(points, current, top) {
    const W = 640;
    const H = 300;
    const m = { l: 70, r: 16, t: 16, b: 44 };
    const x = (v) => m.l + (v / top) * (W - m.l - m.r);
    const y = (v) => H - m.b - (v / top) * (H - m.t - m.b);
    const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(top * f));
    const line = points.map((p, i) => `${i ? "L" : "M"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`)
      .join(" ");
    const rtl = this.dir === "rtl";
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img",
      "aria-labelledby": "est-chart-title est-chart-desc", class: "est-svg",
      direction: "ltr" },
    svg("title", { id: "est-chart-title" }, this.text("chart_title")),
    svg("desc", { id: "est-chart-desc" }, this.text("chart_desc", { count: points.length })),
    ticks.map((v) => [
      svg("line", { x1: m.l, x2: W - m.r, y1: y(v), y2: y(v), class: "est-grid" }),
      svg("text", { x: m.l - 6, y: y(v) + 4, "text-anchor": "end", class: "est-tick" },
        groupDigits(String(v))),
      svg("text", { x: x(v), y: H - m.b + 16, "text-anchor": "middle", class: "est-tick" },
        groupDigits(String(v))),
    ]),
    svg("line", { x1: x(0), y1: y(0), x2: x(top), y2: y(top), class: "est-noins" }),
    svg("path", { d: line, class: "est-line" }),
    svg("line", { x1: x(current), x2: x(current), y1: m.t, y2: H - m.b, class: "est-you" }),
    svg("text", { x: (m.l + W - m.r) / 2, y: H - 6, "text-anchor": "middle",
      class: "est-axis" }, this.text("chart_x")),
    svg("text", { x: 14, y: (m.t + H - m.b) / 2, "text-anchor": "middle", class: "est-axis",
      transform: `rotate(-90 14 ${(m.t + H - m.b) / 2})` }, this.text("chart_y")));
    const legend = h("p", { class: "est-legend" },
      h("span", { class: "est-key est-key-line" }), ` ${this.text("t_out_of_pocket")} `,
      h("span", { class: "est-key est-key-noins" }), ` ${this.text("chart_noins")} `,
      h("span", { class: "est-key est-key-you" }), ` ${this.text("chart_you")}`);
    const data = h("details", { class: "est-chart-data" },
      h("summary", { text: this.text("chart_data") }),
      h("table", { class: "est-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: this.text("chart_x") }),
          h("th", { scope: "col", text: this.text("chart_y") }))),
        h("tbody", {}, points.map((p) => h("tr", {},
          h("td", { dir: "ltr", text: groupDigits(p.x.toFixed(2)) }),
          h("td", { dir: "ltr", "data-amount": p.y.toFixed(2),
            text: groupDigits(p.y.toFixed(2)) }))))));
    this.chartNode.textContent = "";
    this.chartNode.append(h("figcaption", { text: this.text("chart_title") }), chart, legend, data);
    this.chartNode.hidden = false;
    this.chartNode.dataset.points = String(points.length);
    this.chartNode.dataset.rtl = String(rtl);
  }
}

function niceCeiling(value) {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}
