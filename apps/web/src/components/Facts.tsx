import type { ReactNode } from "react";

/** Label/value pairs as a description list, which keeps each value tied to its label for assistive tech. */
export function Facts({ children }: { readonly children: ReactNode }) {
  return <dl className="facts">{children}</dl>;
}

interface FactProps {
  readonly label: string;
  readonly children: ReactNode;
  /** Monospace, for addresses and hashes that are compared character by character. */
  readonly mono?: boolean;
}

export function Fact({ label, children, mono = false }: FactProps) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd className={mono ? "mono" : undefined}>{children}</dd>
    </div>
  );
}
