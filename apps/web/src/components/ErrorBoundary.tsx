import type { ReactNode } from "react";
import { Component } from "react";

import { ErrorNotice } from "./ErrorNotice";

interface ErrorBoundaryState {
  readonly error: unknown;
}

/** Keeps a rendering bug in one card from blanking the whole page. */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error };
  }

  override render() {
    return this.state.error ? <ErrorNotice error={this.state.error} /> : this.props.children;
  }
}
