/* The result: the answer in one sentence (a polite live region), the year's totals,
 * each episode's steps with the figure that decided them, notes once, sources once.
 *
 * The page asks the worker for the reader's language only (issue 11): the result's
 * texts are listed once in r.texts and its citations once in r.citations, and labels,
 * readings, reasons, notes, citations and a citation's title are indexes into them; a
 * step whose text carries the year's running amounts gives its template as the label
 * and the amounts in step.params ({name} → params[name])
 * (estimator/schema/result-one-language.schema.json). said() and citation() read a
 * field either way, so the three-language form (a {zh, ug, en} mapping, citations
 * inline) is shown the same. */

import { fillNodes, h } from "./dom.js";
import { CHAIN_KEYS, TOTAL_KEYS } from "./constants.js";

/** Methods of the estimator app (mixed into EstimatorApp). */
export class ResultView {
  showBusy() {
    this.resultNode.hidden = false;
    this.resultNode.setAttribute("aria-busy", "true");
    if (!this.resultNode.querySelector(":scope > :not(.est-headline)")) {
      this.resultNode.append(h("p", { class: "est-busy", text: this.text("computing") }));
    }
  }

  showEngineError(error) {
    this.resultNode.hidden = false;
    this.resultNode.removeAttribute("aria-busy");
    this.clearResult();
    if (error.kind === "case") {
      this.unfoldForm();
      const id = this.controlFor(error.field);
      const labelNode = id && this.root.querySelector(`label[for="${id}"]`);
      const where = labelNode ? `${labelNode.textContent} — ` : "";
      const message = `${this.text("engine_error")} ${where}${error.message}`;
      this.errors = [{ id, message }];
      this.renderForm(null);
      const summary = document.getElementById("est-error-summary");
      if (summary) summary.focus();
      this.resultNode.hidden = true;
      return;
    }
    const text = error.kind === "runtime"
      ? this.text("failed", { message: error.message })
      : this.text("internal_error", { message: error.message });
    this.resultNode.append(h("p", { class: "est-error", role: "alert", text }));
  }

  /* ---- rendering: result ---- */

  /** Empties the result but keeps its live region (emptied too). */
  clearResult() {
    for (const child of [...this.resultNode.children]) {
      if (child !== this.answerNode) child.remove();
    }
    this.answerNode.textContent = "";
  }

  /** An amount, or "unknown" in words when the engine gives none (never 0.00 or a dash). */
  amountNode(amount, attrs = {}) {
    if (amount === null || amount === undefined) {
      return h("span", { class: "est-unknown", ...attrs, "data-amount": "" },
        this.text("unknown_amount"));
    }
    return h("span", { class: "est-num", dir: "ltr", ...attrs, "data-amount": amount },
      this.money(amount));
  }

  /** What the funds pay for the year (the four funds' totals), or null when one is unknown. */
  fundsTotal(r) {
    const t = r.totals || {};
    let cents = 0n;
    for (const key of ["basic", "supplementary", "major_illness", "assistance"]) {
      const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(t[key] ?? ""));
      if (!m) return null;
      cents += BigInt(m[1]) * 100n + BigInt((m[2] || "0").padEnd(2, "0"));
    }
    const whole = cents / 100n;
    return `${whole}.${String(cents % 100n).padStart(2, "0")}`;
  }

  /** The answer in one sentence: what you pay and what the funds pay, "at most" or "at
      least" where the result says so (the funds' bound is the other way round). */
  answerParts(r) {
    const pay = r.totals ? r.totals.out_of_pocket : null;
    const funds = pay === null || pay === undefined ? null : this.fundsTotal(r);
    const most = !!r.out_of_pocket_at_most;
    const least = !!r.out_of_pocket_at_least && !most;
    const bound = (key) => (key ? `${this.text(key)} ` : "");
    return {
      pay, funds,
      payBound: bound(pay == null ? null : most ? "at_most" : least ? "at_least" : null),
      fundsBound: bound(funds == null ? null : most ? "at_least" : least ? "at_most" : null),
    };
  }

  renderAnswer(r) {
    const a = this.answerParts(r);
    const pay = [a.payBound ? h("span", { class: "est-bound", text: a.payBound }) : null,
      a.pay == null ? h("strong", { class: "est-unknown", "data-total": "out_of_pocket",
        "data-amount": "" }, this.text("unknown_amount"))
        : h("strong", { class: "est-num", dir: "ltr", "data-total": "out_of_pocket",
          "data-amount": a.pay }, this.money(a.pay))];
    const funds = [a.fundsBound ? h("span", { class: "est-bound", text: a.fundsBound }) : null,
      a.funds == null ? h("strong", { class: "est-unknown", "data-funds": "" },
        this.text(a.pay == null ? "unknown_short" : "unknown_amount"))
        : h("strong", { class: "est-num", dir: "ltr", "data-funds": a.funds },
          this.money(a.funds))];
    this.answerNode.textContent = "";
    this.answerNode.append(...fillNodes(this.t.answer, { pay, funds }).flat()
      .filter((x) => x !== null));
  }

  answerText(r) {
    const a = this.answerParts(r);
    const pay = a.pay == null ? this.text("unknown_amount") : `${a.payBound}${this.money(a.pay)}`;
    const funds = a.funds == null
      ? this.text(a.pay == null ? "unknown_short" : "unknown_amount")
      : `${a.fundsBound}${this.money(a.funds)}`;
    return this.text("answer", { pay, funds });
  }

  /** A text of the shown result: an index into its texts (one language; a template
      filled with params when the step gives them) or a {zh, ug, en} mapping (the
      three-language form); the fallback when absent. */
  said(ref, fallback = "", params = null) {
    if (ref === null || ref === undefined) return fallback;
    if (typeof ref === "number") {
      const texts = (this.result && this.result.texts) || [];
      const text = texts[ref] ?? fallback;
      if (!params) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name) =>
        (Object.prototype.hasOwnProperty.call(params, name) ? params[name] : whole));
    }
    return this.label(ref, fallback);
  }

  /** A citation of the shown result: {document, title, article}, or null. */
  citation(ref) {
    if (ref === null || ref === undefined) return null;
    if (typeof ref === "number") {
      const found = ((this.result && this.result.citations) || [])[ref];
      if (!found) return null;
      return { document: found.document, article: found.article,
        title: typeof found.title === "number" ? this.said(found.title) : found.title };
    }
    return ref;
  }

  /** The documents the result cites, in order of first citation: [{document, title}]. */
  collectSources(r) {
    const seen = new Map();
    const add = (citation) => {
      if (citation && citation.document && !seen.has(citation.document)) {
        seen.set(citation.document, this.label(citation.title, citation.document));
      }
    };
    if (Array.isArray(r.citations)) {
      // One language: the citation table is in order of first citation already.
      r.citations.forEach((_, i) => add(this.citation(i)));
    } else {
      for (const ep of r.episodes || []) for (const step of ep.steps || []) add(step.citation);
      for (const item of r.may_also_apply || []) add(item.citation);
    }
    return [...seen].map(([document, title]) => ({ document, title }));
  }

  /** Each note once: the episode's own first, then the year's, without repeats. */
  uniqueNotes(list, seen) {
    const out = [];
    for (const n of list || []) {
      const text = this.said(n);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      out.push(text);
    }
    return out;
  }

  renderResult(r, c) {
    const node = this.resultNode;
    this.result = r;
    this.clearResult();
    node.hidden = false;
    node.removeAttribute("aria-busy");
    node.insertBefore(h("h2", { id: "est-result-title", tabindex: "-1",
      text: this.text("result_title") }), this.answerNode);
    // Whose case this is: the first thing on a print, hidden on screen (print.js).
    node.insertBefore(this.renderPrintCase(c), node.firstChild);
    this.sources = this.collectSources(r);
    this.renderAnswer(r);

    // the year in total
    const totals = h("table", { class: "est-table est-totals" },
      h("caption", { text: this.text("year") }),
      h("tbody", {}, TOTAL_KEYS.map((key) => h("tr", { class: key === "out_of_pocket"
        ? "est-sum" : null },
      h("th", { scope: "row", text: this.text(`t_${key}`) }),
      h("td", {}, this.amountNode(r.totals ? r.totals[key] : null, { "data-total": key }))))));
    node.append(totals);
    if (r.out_of_pocket_at_most) {
      node.append(h("p", { class: "est-note", text: this.text("at_most_note") }));
    }
    if (r.out_of_pocket_at_least) {
      node.append(h("p", { class: "est-note", text: this.text("at_least_note") }));
    }
    const seenNotes = new Set();

    // each episode
    (r.episodes || []).forEach((ep, i) => node.append(
      this.renderEpisodeResult(ep, i, c, seenNotes)));
    // On paper the steps start on a new page, after the summary and totals.
    const firstSteps = node.querySelector(".est-episode-result");
    if (firstSteps) firstSteps.classList.add("est-steps-start");

    // may also apply
    if (r.may_also_apply && r.may_also_apply.length) {
      node.append(h("aside", { class: "est-also", "aria-labelledby": "est-also-title" },
        h("h3", { id: "est-also-title", text: this.text("also_apply") }),
        h("p", { class: "est-help", text: this.text("also_apply_help") }),
        h("ul", {}, r.may_also_apply.map((item) => h("li", { "data-also": item.key },
          h("span", { text: this.said(item.label, item.key, item.params) }),
          item.amount ? [": ", h("span", { class: "est-num", dir: "ltr",
            "data-amount": item.amount }, this.money(item.amount))] : null,
          item.citation != null ? h("span", { class: "est-cite" }, ` (${this.cite(item.citation)})`)
            : null)))));
    }
    const notes = this.uniqueNotes(r.notes, seenNotes);
    if (notes.length) {
      node.append(h("div", { class: "est-notes" },
        h("h3", { text: this.text("notes") }),
        h("ul", {}, notes.map((n) => h("li", { text: n })))));
    }
    this.chartNode = h("figure", { class: "est-chart", hidden: true });
    node.append(this.chartNode);
    if (this.sources.length) {
      // Document titles once, here; the steps cite the article only.
      node.append(h("div", { class: "est-sources" },
        h("h3", { id: "est-sources-title", text: this.text("sources") }),
        h(this.sources.length > 1 ? "ol" : "ul", { "aria-labelledby": "est-sources-title" },
          this.sources.map((src) => h("li", { "data-doc": src.document, text: src.title })))));
    }
    node.append(h("p", { class: "est-disclaimer", text: this.text("disclaimer") }));

    this.copyStatus = h("p", { class: "est-copy-status", role: "status", "aria-live": "polite" });
    node.append(h("div", { class: "est-actions est-no-print" },
      h("button", { type: "button", class: "est-button", id: "est-copy",
        onclick: () => this.copyText() }, this.text("copy")),
      h("button", { type: "button", class: "est-button", id: "est-share",
        onclick: () => this.copyLink() }, this.text("share")),
      h("button", { type: "button", class: "est-button", id: "est-print",
        onclick: () => this.printResult() }, this.text("print"))),
    h("p", { class: "est-help est-no-print", text: this.text("share_help") }),
    this.copyStatus);
  }

  /** A short reference: the article, preceded by the document's number in the sources
      list when the result cites more than one document. */
  cite(ref) {
    const citation = this.citation(ref);
    if (!citation) return "";
    const sources = this.sources || [];
    const index = sources.findIndex((src) => src.document === citation.document);
    const mark = sources.length > 1 && index >= 0 ? `[${index + 1}]` : "";
    if (!citation.article) {
      return mark || (index >= 0 ? "" : this.label(citation.title, citation.document));
    }
    return mark ? `${mark} ${citation.article}` : citation.article;
  }

  renderEpisodeResult(ep, i, c, seenNotes = new Set()) {
    const kind = this.enumLabel("kinds", ep.kind || (c.episodes[i] && c.episodes[i].kind));
    const date = ep.date || (c.episodes[i] && c.episodes[i].date) || "";
    const box = h("section", { class: "est-episode-result", "data-episode": String(i) },
      h("h3", {}, fillNodes(this.t.episode_heading, { n: i + 1, kind,
        date: h("bdi", { dir: "ltr", text: date }) })));
    if (!ep.computable && ep.reason != null) {
      box.append(h("p", { class: "est-reason" },
        h("strong", { text: `${this.text("not_computable")} ` }), this.said(ep.reason)));
    }
    const steps = Array.isArray(ep.steps) && ep.steps.length ? ep.steps
      : CHAIN_KEYS.map((key) => ({ key, label: null, amount: ep[key], citation: null }));
    const table = h("table", { class: "est-table est-steps" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col", text: this.text("step") }),
        h("th", { scope: "col", text: this.text("amount") }),
        h("th", { scope: "col", text: this.text("source") }))),
      h("tbody", {}, steps.map((step) => h("tr", { "data-step": step.key,
        class: step.key === "out_of_pocket" ? "est-sum" : null },
      h("th", { scope: "row" }, this.said(step.label, this.text(`t_${step.key}`), step.params),
        step.reading != null ? h("span", { class: "est-reading", text: this.said(step.reading) })
          : null),
      h("td", {}, (step.amount === null || step.amount === undefined)
        && !CHAIN_KEYS.includes(step.key) && step.key !== "total"
        // a step that states a rate or a rule, not an amount
        ? h("span", { class: "est-num", "data-amount": "" })
        : this.amountNode(step.amount)),
      h("td", { class: "est-cite", text: this.cite(step.citation) })))));
    box.append(table);
    const fields = h("dl", { class: "est-chain", hidden: true });
    for (const key of CHAIN_KEYS) {
      fields.append(h("dt", { text: key }),
        h("dd", { "data-field": key, "data-amount": ep[key] ?? "" }, ep[key] ?? ""));
    }
    box.append(fields);
    const notes = this.uniqueNotes(ep.notes, seenNotes);
    if (notes.length) {
      box.append(h("ul", { class: "est-episode-notes" }, notes.map((n) => h("li", { text: n }))));
    }
    return box;
  }
}
