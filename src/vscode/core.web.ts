import * as bundled from './coreExports';
import type { CoreModule } from './core';

/** VS Code for the Web: one bundle (a web worker cannot require a sibling file), the core in it. */
export function core(): CoreModule {
  return bundled;
}
