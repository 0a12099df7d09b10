/* Sharing: the case in the URL fragment (#case=…, never sent to a server), a guide
 * page's query (?region=…&scheme=…&kind=…), the language menu carrying either across, a
 * shared link's answer opened first with the form folded above it (or a damaged link
 * said to be damaged), and the result copied as text or as a link. */

import { h } from "./dom.js";
import { CHAIN_KEYS, KIND_ORDER, SCHEME_ORDER, TOTAL_KEYS } from "./constants.js";

export function encodeCase(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeCase(text) {
  try {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(b64 + "===".slice((b64.length + 3) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const value = JSON.parse(new TextDecoder().decode(bytes));
    return value && typeof value === "object" ? value : null;
  } catch {
    return null;
  }
}

/** The case a shared link carries (#case=…): {present, value}. A link that has a case
 * whose value cannot be read (cut off, or changed on the way) is damaged: present, with
 * a null value. */
export function sharedFromHash() {
  const match = /(?:^#|&)case=([^&]*)/.exec(location.hash);
  if (!match) return { present: false, value: null };
  const data = /^[A-Za-z0-9_-]*/.exec(match[1])[0];
  const value = data ? decodeCase(data) : null;
  const usable = !!value && !Array.isArray(value) && typeof value.region === "string"
    && Array.isArray(value.episodes) && value.episodes.length > 0;
  return { present: true, value: usable ? value : null };
}

/** What a guide page's estimate link asks for (?region=…&scheme=…&kind=…): each value
 * the form knows, or null. *regions*: the registry's region ids (catalog.regions). */
export function askedFromQuery(regions) {
  const params = new URLSearchParams(location.search);
  const pick = (key, known) => (known.includes(params.get(key)) ? params.get(key) : null);
  return { region: pick("region", regions), scheme: pick("scheme", SCHEME_ORDER),
    kind: pick("kind", KIND_ORDER) };
}

/** The language menu (and the "Chinese is authoritative" link) opens this page in
 * another language: carry the case (#case=…) or the guide page's query across. */
export function carryToLanguageLinks() {
  for (const link of document.querySelectorAll("a[hreflang]")) {
    if (link.closest("#estimator-app, [data-estimator-app]")) continue;
    if (link.dataset.estBase === undefined) {
      link.dataset.estBase = (link.getAttribute("href") || "").split(/[?#]/)[0];
    }
    link.setAttribute("href", link.dataset.estBase + location.search + location.hash);
  }
}

/** Methods of the estimator app (mixed into EstimatorApp). */
export class ShareView {
  /** A damaged shared link says so, in the reader's language, above the form (which
   * shows the defaults, not the lost case). */
  showDamaged() {
    this.clearDamaged();
    this.damagedNode = h("div", { class: "est-damaged", id: "est-damaged", role: "alert",
      tabindex: "-1" },
    h("p", { class: "est-error", text: this.text("link_damaged") }),
    h("p", { text: this.text("link_damaged_fix") }));
    this.formNode.before(this.damagedNode);
    // In the middle of the screen, not at its edge (where focus alone would leave it).
    this.damagedNode.focus({ preventScroll: true });
    this.damagedNode.scrollIntoView({ block: "center" });
  }

  clearDamaged() {
    if (this.damagedNode) this.damagedNode.remove();
    this.damagedNode = null;
  }

  /** Fold the filled form away (a shared link's answer comes first): one line says
   * whose case it is, one button opens the form again. */
  foldForm() {
    this.unfoldForm({ focus: false });
    this.formNode.hidden = true;
    const s = this.state;
    this.foldedNode = h("div", { class: "est-folded est-no-print" },
      h("p", { class: "est-folded-case", text: `${this.enums.regions[s.region] || s.region}`
        + ` · ${this.enums.schemes[s.scheme] || s.scheme}` }),
      h("button", { type: "button", class: "est-button est-secondary", id: "est-unfold",
        "aria-controls": "est-form", "aria-expanded": "false",
        onclick: () => this.unfoldForm({ focus: true }) }, this.text("show_form")));
    this.formNode.before(this.foldedNode);
  }

  unfoldForm({ focus = false } = {}) {
    if (this.foldedNode) this.foldedNode.remove();
    this.foldedNode = null;
    this.formNode.hidden = false;
    if (focus) {
      const first = document.getElementById("est-region");
      if (first) first.focus();
    }
  }

  /* ---- sharing ---- */

  resultText() {
    const r = this.result;
    if (!r) return "";
    const sep = this.lang === "zh" ? "：" : ": ";
    const lines = [this.text("result_title"),
      `${this.text("region")}${sep}${this.enums.regions[this.state.region] || this.state.region}`,
      `${this.text("scheme")}${sep}${this.enums.schemes[this.state.scheme] || this.state.scheme}`,
      "", this.answerText(r), "", this.text("year")];
    const amount = (value) => (value === null || value === undefined
      ? this.text("unknown_amount") : this.money(value));
    for (const key of TOTAL_KEYS) {
      lines.push(`  ${this.text(`t_${key}`)}${sep}${amount(r.totals ? r.totals[key] : null)}`);
    }
    if (r.out_of_pocket_at_most) lines.push(`* ${this.text("at_most_note")}`);
    if (r.out_of_pocket_at_least) lines.push(`* ${this.text("at_least_note")}`);
    lines.push("");
    const seenNotes = new Set();
    (r.episodes || []).forEach((ep, i) => {
      const date = this.dir === "rtl" ? `\u2066${ep.date || ""}\u2069` : ep.date || "";
      lines.push(this.text("episode_heading", { n: i + 1,
        kind: this.enumLabel("kinds", ep.kind), date }));
      if (!ep.computable && ep.reason != null) {
        lines.push(`  ${this.text("not_computable")} ${this.said(ep.reason)}`);
      }
      for (const step of ep.steps || []) {
        const noAmount = (step.amount === null || step.amount === undefined)
          && !CHAIN_KEYS.includes(step.key) && step.key !== "total";
        const value = noAmount ? "" : `${sep}${amount(step.amount)}`;
        const cite = this.cite(step.citation);
        lines.push(`  ${this.said(step.label, step.key, step.params)}${value}${cite ? ` [${cite}]` : ""}`);
      }
      for (const n of this.uniqueNotes(ep.notes, seenNotes)) lines.push(`  * ${n}`);
      lines.push("");
    });
    if (r.may_also_apply && r.may_also_apply.length) {
      lines.push(`${this.text("also_apply")} (${this.text("also_apply_help")})`);
      for (const item of r.may_also_apply) {
        lines.push(`  ${this.said(item.label, item.key, item.params)}${item.amount
          ? `${sep}${this.money(item.amount)}` : ""}`);
      }
      lines.push("");
    }
    for (const n of this.uniqueNotes(r.notes, seenNotes)) lines.push(`* ${n}`);
    if (this.sources && this.sources.length) {
      lines.push("", this.text("sources"));
      this.sources.forEach((src, i) => lines.push(
        this.sources.length > 1 ? `  [${i + 1}] ${src.title}` : `  ${src.title}`));
    }
    lines.push("", this.text("disclaimer"), location.href);
    return lines.join("\n");
  }

  async copy(text, okKey) {
    try {
      await navigator.clipboard.writeText(text);
      this.copyStatus.textContent = this.text(okKey);
    } catch {
      this.copyStatus.textContent = this.text("copy_failed");
      const area = h("textarea", { class: "est-copy-area", readonly: true, rows: "8",
        "aria-label": this.text("copy") });
      area.value = text;
      this.copyStatus.append(area);
      area.select();
    }
  }

  copyText() {
    return this.copy(this.resultText(), "copied");
  }

  copyLink() {
    return this.copy(location.href, "link_copied");
  }
}
