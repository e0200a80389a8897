/** The decision log's retention (see platform/db/log-retention.ts). */
import type { RetainedLog } from '../platform/db/index.js';
import { decisionStore } from './store.js';

export const decisionLog = (retentionMs: number): RetainedLog => ({
  name: 'routing_decisions',
  idPrefix: 'dec',
  retentionMs,
  prune: decisionStore.pruneBefore,
});
