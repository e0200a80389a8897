/** Origin checks for WebSocket upgrades (browsers send Origin; cross-site pages cannot forge it). */
import type { IncomingMessage } from 'node:http';

/** True when the Origin header names the host the request was sent to (kefu's own pages). */
export const isOwnOrigin = (req: IncomingMessage): boolean => {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (typeof origin !== 'string' || typeof host !== 'string') return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
};
