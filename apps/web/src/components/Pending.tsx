import type { ReactNode } from "react";

/** A loading line; role=status lets screen readers announce it without stealing focus. */
export function Pending({ children }: { readonly children: ReactNode }) {
  return (
    <p className="pending" role="status">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}
