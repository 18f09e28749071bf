import "@testing-library/jest-dom/vitest";

import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// `findBy*` waits 1 s by default. The full test command runs these beside forge's fuzz and invariant
// runs on a 2-core machine, where a real refused connection can take longer than that to surface.
// Waiting longer changes nothing when the page is right, and a wrong page still fails.
configure({ asyncUtilTimeout: 5_000 });

// Vitest runs without globals, so testing-library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});
