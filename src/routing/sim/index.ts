/** The contact-center simulator: scenarios in, service level, ASA, abandonment and occupancy out. */
export { EventQueue } from './event-queue.js';
export { exponential, intBelow, lognormal, pick, type Rng, seededRng, standardNormal } from './random.js';
export type { ArrivalStream, Duration, Scenario, Shift, SimAgent } from './scenario.js';
export { draw, type SimReport, simulate } from './simulate.js';
export type { Outcomes } from './stats.js';
