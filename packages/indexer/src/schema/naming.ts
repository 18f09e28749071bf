// Query field names as graph-node derives them from type names (the `Inflector` crate's `to_camel_case` and
// `to_plural`, which follow Rails' English rules).

const UNCOUNTABLE = [
  "equipment",
  "information",
  "rice",
  "money",
  "species",
  "series",
  "fish",
  "sheep",
  "jeans",
];

const IRREGULAR: readonly (readonly [string, string])[] = [
  ["person", "people"],
  ["man", "men"],
  ["child", "children"],
  ["sex", "sexes"],
  ["move", "moves"],
  ["zombie", "zombies"],
];

// First match wins (Rails lists them the other way round and applies the last one defined).
const PLURAL_RULES: readonly (readonly [RegExp, string])[] = [
  [/(quiz)$/i, "$1zes"],
  [/^(oxen)$/i, "$1"],
  [/^(ox)$/i, "$1en"],
  [/^(m|l)ice$/i, "$1ice"],
  [/^(m|l)ouse$/i, "$1ice"],
  [/(matr|vert|ind)(?:ix|ex)$/i, "$1ices"],
  [/(x|ch|ss|sh)$/i, "$1es"],
  [/([^aeiouy]|qu)y$/i, "$1ies"],
  [/(hive)$/i, "$1s"],
  [/([^f])fe$/i, "$1ves"],
  [/([lr])f$/i, "$1ves"],
  [/sis$/i, "ses"],
  [/([ti])a$/i, "$1a"],
  [/([ti])um$/i, "$1a"],
  [/(buffal|tomat)o$/i, "$1oes"],
  [/(bu)s$/i, "$1ses"],
  [/(alias|status)$/i, "$1es"],
  [/(octop|vir)i$/i, "$1i"],
  [/(octop|vir)us$/i, "$1i"],
  [/^(ax|test)is$/i, "$1es"],
  [/s$/i, "s"],
  [/$/, "s"],
];

export function pluralize(word: string): string {
  const lower = word.toLowerCase();
  if (UNCOUNTABLE.some((u) => lower.endsWith(u))) return word;
  for (const [singular, plural] of IRREGULAR) {
    if (lower.endsWith(singular)) {
      const head = word.slice(0, word.length - singular.length);
      const tail = word.slice(word.length - singular.length);
      const first = tail[0] ?? "";
      const cased = first === first.toUpperCase() ? plural[0]?.toUpperCase() + plural.slice(1) : plural;
      return head + cased;
    }
  }
  for (const [pattern, replacement] of PLURAL_RULES) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return `${word}s`;
}

/** `DelegateVotesChange` → `delegateVotesChange`, `ERC20Token` → `erc20Token`, `Token_holder` → `tokenHolder`. */
export function camelCase(name: string): string {
  const words = name
    .split(/[_\-\s]+/)
    .filter((w) => w.length > 0)
    .flatMap((w) => w.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [w]);
  // Digits stick to the word before them, as in `ERC20`.
  const merged: string[] = [];
  for (const word of words) {
    const last = merged.length - 1;
    const previous = merged[last];
    if (/^[0-9]+$/.test(word) && previous !== undefined) merged[last] = previous + word;
    else merged.push(word);
  }
  return merged
    .map((w, i) => (i === 0 ? w.toLowerCase() : (w[0]?.toUpperCase() ?? "") + w.slice(1).toLowerCase()))
    .join("");
}

/** The singular (`entity(id:)`) and plural (`entities(...)`) query field names for a type. */
export function queryFieldNames(typeName: string): { readonly singular: string; readonly plural: string } {
  const singular = camelCase(typeName);
  let plural = camelCase(pluralize(typeName));
  if (plural === singular) plural = `${plural}_collection`;
  return { singular, plural };
}
