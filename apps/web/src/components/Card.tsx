import type { ReactNode } from "react";
import { useId } from "react";

interface CardProps {
  readonly title: string;
  /** Shown at the right of the title, e.g. a live indicator. */
  readonly aside?: ReactNode;
  readonly children: ReactNode;
}

/** A titled section; labelled by its heading so tests and screen readers can find it by name. */
export function Card({ title, aside, children }: CardProps) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <header className="card-header">
        <h2 id={headingId}>{title}</h2>
        {aside}
      </header>
      {children}
    </section>
  );
}
