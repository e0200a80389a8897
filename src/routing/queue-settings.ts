/** A queue's stored settings: the engine's queue input plus what only the service uses (hours). */
import type { OpeningHours } from './core/opening-hours.js';
import type { QueueInput } from './core/types.js';

export type QueueSettings = Omit<QueueInput, 'id'> & { readonly openingHours?: OpeningHours | null };

export const engineQueue = (id: string, s: QueueSettings): QueueInput => {
  const { openingHours: _hours, ...rest } = s;
  return { id, ...rest };
};
