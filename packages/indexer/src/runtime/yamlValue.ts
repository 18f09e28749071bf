import { type Alias, isAlias, isMap, isPair, isScalar, isSeq, type Node, parseDocument } from "yaml";

/** A parsed YAML document as graph-ts `YAMLValue` models it (serde_yaml's value model). */
export type YamlNode =
  | { readonly kind: "null" }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "number"; readonly text: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "array"; readonly items: readonly YamlNode[] }
  | { readonly kind: "object"; readonly entries: readonly (readonly [YamlNode, YamlNode])[] }
  | { readonly kind: "tagged"; readonly tag: string; readonly value: YamlNode };

export class YamlParseError extends Error {
  override readonly name = "YamlParseError";
}

const CORE_TAG = "tag:yaml.org,2002:";

export function parseYamlValue(text: string): YamlNode {
  const doc = parseDocument(text, { intAsBigInt: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new YamlParseError(doc.errors.map((e) => e.message).join("; "));
  const convert = (node: unknown, depth: number): YamlNode => {
    if (depth > 128) throw new YamlParseError("nesting too deep");
    if (node === null || node === undefined) return { kind: "null" };
    if (isAlias(node)) return convert((node as Alias).resolve(doc), depth + 1);
    const n = node as Node;
    const tag = n.tag;
    const inner = (): YamlNode => {
      if (isScalar(n)) {
        const v = n.value;
        if (v === null || v === undefined) return { kind: "null" };
        if (typeof v === "boolean") return { kind: "bool", value: v };
        if (typeof v === "bigint" || typeof v === "number") return { kind: "number", text: String(v) };
        return { kind: "string", value: String(v) };
      }
      if (isSeq(n)) return { kind: "array", items: n.items.map((i) => convert(i, depth + 1)) };
      if (isMap(n)) {
        return {
          kind: "object",
          entries: n.items
            .filter(isPair)
            .map((p) => [convert(p.key, depth + 1), convert(p.value, depth + 1)] as const),
        };
      }
      throw new YamlParseError("unsupported YAML node");
    };
    if (tag === undefined || tag.startsWith(CORE_TAG)) return inner();
    // A custom tag leaves its plain scalar unresolved (a string); serde_yaml resolves it as if untagged.
    if (isScalar(n) && n.type === "PLAIN" && typeof n.value === "string") {
      return { kind: "tagged", tag, value: parseYamlValue(n.value) };
    }
    return { kind: "tagged", tag, value: inner() };
  };
  return convert(doc.contents, 0);
}
