/* Amounts and dates as the visitor types them: digits of any keyboard, exact money in
 * fen, ISO dates. */

/** Digits typed with a Chinese or Arabic-script keyboard, grouping commas, “元”. */
export function normalizeNumber(raw) {
  return String(raw ?? "")
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/[．。٫]/g, ".")
    .replace(/[,，٬\s]/g, "")
    .replace(/(元|yuan|يۈەن|¥|￥)/gi, "")
    .trim();
}

/* How this page's language writes a number: its grouping and decimal symbols, from
 * CLDR (the build writes them into each language's catalog, i18n/<lang>.json, as
 * "number"; site_build/form_texts.py). Chinese, Uyghur and English all write 80,000.5. */
const symbols = { group: ",", decimal: "." };

export function setNumberSymbols(given) {
  if (given && typeof given.group === "string" && typeof given.decimal === "string") {
    symbols.group = given.group;
    symbols.decimal = given.decimal;
  }
}

/** A decimal string ("80000.50") as this language writes it ("80,000.50"). */
export function groupDigits(text) {
  const [whole, frac] = String(text).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, symbols.group);
  return frac === undefined ? grouped : `${grouped}${symbols.decimal}${frac}`;
}

/** Adds decimal strings exactly (fen as integers). */
export function addMoney(...values) {
  let fen = 0n;
  for (const v of values) {
    const text = normalizeNumber(v) || "0";
    const [whole, frac = ""] = text.split(".");
    fen += BigInt(whole || "0") * 100n + BigInt((frac + "00").slice(0, 2));
  }
  const sign = fen < 0n ? "-" : "";
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

export function todayISO() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function isISODate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The first day after an ISO date. */
export function nextDay(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The ISO date `days` days after (or before) an ISO date. */
export function addDays(iso, days) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from, to) {
  const day = (iso) => {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d) / 86400000;
  };
  return Math.round(day(to) - day(from));
}
