import "@testing-library/jest-dom/vitest";

import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// `findBy*` waits 1 s by default. The full test command runs these beside forge's fuzz and invariant
// runs on a 2-core machine, where the page is slow to appear: the first `*ByRole` query of a test computes
// every element's accessible name and visibility (getComputedStyle in jsdom), measured at 0.3 s on an idle
// machine and 2.3 s under load. Waiting longer changes nothing when the page is right, and a wrong page
// still fails. The test timeout (vite.config.ts) stays well above this, so a slow page fails here, with
// testing-library's description of what the page shows, never on vitest's bare test timeout.
configure({ asyncUtilTimeout: 10_000 });

// Vitest runs without globals, so testing-library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});
