/* Printing the result (issue 13 item 5). The print's first page says whose case it is:
 * region, scheme, person, the visits and stays, the day of the estimate, the documents
 * it rests on with their dates (the data version), and the link as a QR code made here
 * in the page (vendor/qrcode.mjs, from the npm package qrcode-generator, copied by the
 * build; no remote service). The summary and totals follow on page one; the steps start
 * on page two (estimator.css, @media print). On screen the block stays hidden. */

import { h, svg } from "./dom.js";
import { groupDigits, todayISO } from "./numbers.js";

const QR_QUIET = 4; // modules of white border the QR standard asks for

/** The SVG of a QR code for `text` (error correction M), or null when it is too long. */
export async function qrSvg(text, label) {
  const { qrcode } = await import("./vendor/qrcode.mjs");
  const code = qrcode(0, "M");
  code.addData(text, "Byte");
  try {
    code.make();
  } catch {
    return null; // longer than the largest QR code holds
  }
  const n = code.getModuleCount();
  let d = "";
  for (let row = 0; row < n; row += 1) {
    for (let col = 0; col < n; col += 1) {
      if (code.isDark(row, col)) d += `M${col + QR_QUIET},${row + QR_QUIET}h1v1h-1z`;
    }
  }
  const size = n + 2 * QR_QUIET;
  return svg("svg", { viewBox: `0 0 ${size} ${size}`, class: "est-qr", role: "img",
    "aria-label": label, "shape-rendering": "crispEdges", "data-modules": n },
  svg("rect", { width: size, height: size, fill: "#ffffff" }),
  svg("path", { d, fill: "#000000" }));
}

/** Methods of the estimator app (mixed into EstimatorApp). */
export class PrintView {
  printResult() {
    window.print();
  }

  /** The documents of the case's region and scheme in force on a day of its episodes
   * (all of them when none is). */
  printDocuments(c) {
    const info = this.schemeInfo({ region: c.region, scheme: c.scheme });
    const documents = (info && info.documents) || [];
    const days = c.episodes.map((e) => e.date);
    const used = documents.filter((d) => days.some((day) =>
      d.effective <= day && (!d.expires || day <= d.expires)));
    return used.length ? used : documents;
  }

  /** The person in a line: age, employment, civil servant, assistance group. */
  printPerson(c) {
    const p = c.person || {};
    const parts = [this.text("print_age", { age: p.age })];
    if (p.employment) parts.push(this.enums.employment[p.employment] || p.employment);
    if (p.civil_servant) parts.push(this.text("print_civil_servant"));
    if (p.assistance_category && p.assistance_category !== "none") {
      parts.push(this.enumLabel("categories", p.assistance_category));
    }
    return parts.join(this.text("print_join"));
  }

  /** The case's identity, first on the printed page (hidden on screen). */
  renderPrintCase(c) {
    const row = (labelKey, ...value) => [h("dt", { text: this.text(labelKey) }),
      h("dd", {}, ...value)];
    const episodes = h("table", { class: "est-table est-print-episodes" },
      h("thead", {}, h("tr", {},
        ["print_n", "print_ep_date", "print_ep_kind", "print_ep_facility", "print_ep_total"]
          .map((key) => h("th", { scope: "col", text: this.text(key) })))),
      h("tbody", {}, c.episodes.map((e, i) => h("tr", {},
        h("td", { text: String(i + 1) }),
        h("td", {}, h("bdi", { dir: "ltr", text: e.discharge_date
          ? `${e.date} – ${e.discharge_date}` : e.date })),
        h("td", { text: this.enumLabel("kinds", e.kind) }),
        h("td", { text: this.enumLabel("facilities", e.facility) }),
        h("td", { class: "est-num", dir: "ltr",
          text: this.text("currency", { n: groupDigits(e.cost.total) }) })))));
    const documents = h("ul", { class: "est-print-docs" }, this.printDocuments(c).map((d) =>
      h("li", { "data-doc": d.id }, this.label(d.title, d.id), " (",
        h("bdi", { text: d.expires
          ? this.text("date_range_between", { from: d.effective, to: d.expires })
          : this.text("date_range_from", { from: d.effective }) }), ")")));
    this.qrNode = h("figure", { class: "est-print-qr", "data-qr": "pending" },
      h("figcaption", { text: this.text("print_qr") }));
    const node = h("section", { class: "est-print-case", "aria-labelledby": "est-print-title" },
      h("h2", { id: "est-print-title", text: this.text("print_title") }),
      h("div", { class: "est-print-top" },
        h("dl", { class: "est-print-facts" },
          row("print_region", this.enums.regions[c.region] || c.region),
          row("print_scheme", this.enums.schemes[c.scheme] || c.scheme),
          row("print_person", this.printPerson(c)),
          row("print_estimated", h("bdi", { dir: "ltr", text: todayISO() })),
          row("print_link", h("span", { class: "est-print-url", dir: "ltr",
            text: location.href }))),
        this.qrNode),
      h("h3", { text: this.text("print_episodes") }), episodes,
      h("h3", { text: this.text("print_data") }), documents);
    this.fillQr(location.href);
    return node;
  }

  async fillQr(url) {
    const node = this.qrNode;
    let code = null;
    try {
      code = await qrSvg(url, this.text("print_qr"));
    } catch {
      node.dataset.qr = "failed"; // the module did not load (offline, not yet stored)
      node.append(h("p", { text: this.text("print_qr_failed") }));
      return;
    }
    if (node !== this.qrNode) return; // a newer result replaced this one
    if (!code) {
      node.dataset.qr = "too-long";
      node.append(h("p", { text: this.text("print_qr_too_long") }));
      return;
    }
    node.prepend(code);
    node.dataset.qr = "ready";
  }
}
