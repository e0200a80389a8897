/** Retention of finished webhook deliveries (see platform/db/log-retention.ts). */
import type { RetainedLog } from '../platform/db/index.js';
import { deliveryStore } from './store.js';

export const deliveryLog = (retentionMs: number): RetainedLog => ({
  name: 'webhook_deliveries',
  idPrefix: 'whd',
  retentionMs,
  prune: deliveryStore.pruneFinishedBefore,
});
