/** The web: a worker extension host cannot require a sibling file, so the client is bundled in. */
import * as client from './client';

export function loadClientModule(): typeof import('./client') {
  return client;
}
