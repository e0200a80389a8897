/**
 * The visitor side of the /ws/visitor frames (docs/chat.md). Incoming frames are untrusted text,
 * so each is checked field by field; a frame that does not fit is dropped, never half-applied.
 */

export interface Attachment {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

export interface Author {
  readonly kind: string;
  readonly name: string | null;
}

export interface ContactInfo {
  readonly id: string;
  readonly state: string;
  readonly agentName: string | null;
}

export interface Wait {
  readonly position: number;
  readonly estimatedWaitMs: number;
}

export type ServerFrame =
  | { readonly t: 'welcome'; readonly contact: ContactInfo; readonly wait: Wait | null; readonly readSeq: number }
  | {
      readonly t: 'msg';
      readonly seq: number;
      readonly clientId: string | null;
      readonly author: Author;
      readonly body: string;
      readonly attachment: Attachment | null;
      readonly at: number;
    }
  | { readonly t: 'ack'; readonly clientId: string; readonly seq: number; readonly at: number }
  | { readonly t: 'state'; readonly state: string; readonly agentName: string | null }
  | ({ readonly t: 'wait' } & Wait)
  | { readonly t: 'typing'; readonly on: boolean }
  | { readonly t: 'read'; readonly seq: number }
  | { readonly t: 'pong' }
  | { readonly t: 'error'; readonly code: string; readonly message: string; readonly ref: string | null };

export type ClientFrame =
  | { readonly t: 'hello'; readonly token: string; readonly afterSeq: number }
  | { readonly t: 'send'; readonly clientId: string; readonly body: string; readonly attachmentId?: string }
  | { readonly t: 'typing'; readonly on: boolean }
  | { readonly t: 'read'; readonly seq: number }
  | { readonly t: 'ping' };

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const nat = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
const nullableStr = (v: unknown): string | null | undefined =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : undefined;

/** Timestamps may come as epoch milliseconds or ISO text; both become epoch milliseconds. */
export const toEpochMs = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
};

export const parseAttachment = (v: unknown): Attachment | null => {
  if (!isRec(v)) return null;
  const id = str(v.id);
  const fileName = str(v.fileName);
  const contentType = str(v.contentType);
  const size = nat(v.size);
  return id && fileName !== null && contentType && size !== null ? { id, fileName, contentType, size } : null;
};

export const parseWait = (v: unknown): Wait | null => {
  if (!isRec(v)) return null;
  const position = nat(v.position);
  const estimatedWaitMs = nat(v.estimatedWaitMs);
  return position !== null && estimatedWaitMs !== null ? { position, estimatedWaitMs } : null;
};

const parseContact = (v: unknown): ContactInfo | null => {
  if (!isRec(v)) return null;
  const id = str(v.id);
  const state = str(v.state);
  const agentName = nullableStr(v.agentName);
  return id && state && agentName !== undefined ? { id, state, agentName } : null;
};

const parseMsg = (f: Rec): ServerFrame | null => {
  const seq = nat(f.seq);
  const body = str(f.body);
  const at = toEpochMs(f.at);
  const clientId = nullableStr(f.clientId);
  if (seq === null || body === null || at === null || clientId === undefined || !isRec(f.author)) return null;
  const kind = str(f.author.kind);
  const name = nullableStr(f.author.name);
  if (!kind || name === undefined) return null;
  const attachment = f.attachment === null || f.attachment === undefined ? null : parseAttachment(f.attachment);
  if (f.attachment && !attachment) return null;
  return { t: 'msg', seq, clientId, author: { kind, name }, body, attachment, at };
};

const parseWelcome = (f: Rec): ServerFrame | null => {
  const contact = parseContact(f.contact);
  const wait = f.wait === null || f.wait === undefined ? null : parseWait(f.wait);
  return contact ? { t: 'welcome', contact, wait, readSeq: nat(f.readSeq) ?? 0 } : null;
};

const parseAck = (f: Rec): ServerFrame | null => {
  const clientId = str(f.clientId);
  const seq = nat(f.seq);
  return clientId && seq !== null ? { t: 'ack', clientId, seq, at: toEpochMs(f.at) ?? 0 } : null;
};

const parseState = (f: Rec): ServerFrame | null => {
  const state = str(f.state);
  const agentName = nullableStr(f.agentName);
  return state && agentName !== undefined ? { t: 'state', state, agentName } : null;
};

const parseOther = (f: Rec): ServerFrame | null => {
  switch (f.t) {
    case 'wait': {
      const w = parseWait(f);
      return w ? { t: 'wait', ...w } : null;
    }
    case 'typing':
      return typeof f.on === 'boolean' ? { t: 'typing', on: f.on } : null;
    case 'read': {
      const seq = nat(f.seq);
      return seq === null ? null : { t: 'read', seq };
    }
    case 'pong':
      return { t: 'pong' };
    case 'error': {
      const ref = nullableStr(f.ref);
      return { t: 'error', code: str(f.code) ?? 'UNKNOWN', message: str(f.message) ?? '', ref: ref ?? null };
    }
    default:
      return null;
  }
};

/** Parses one text frame; null for anything malformed or unknown (newer servers may add frames). */
export const parseServerFrame = (text: string): ServerFrame | null => {
  let f: unknown;
  try {
    f = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRec(f)) return null;
  switch (f.t) {
    case 'welcome':
      return parseWelcome(f);
    case 'msg':
      return parseMsg(f);
    case 'ack':
      return parseAck(f);
    case 'state':
      return parseState(f);
    default:
      return parseOther(f);
  }
};

/** Frames above 16 KiB close the socket (1009); the composer refuses such text before sending. */
export const MAX_FRAME_BYTES = 16 * 1024;

export const frameBytes = (frame: ClientFrame): number => new TextEncoder().encode(JSON.stringify(frame)).length;
