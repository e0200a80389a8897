/**
 * The conversation a supervisor is monitoring: the messages (all visibilities) and the whispers
 * sent to the agent, following the same frames as the agent workspace. Pure.
 */
import type { ServerFrame } from '../api/staff-frames.js';
import {
  acknowledge,
  addMessage,
  addPending,
  type Conversation,
  EMPTY_CONVERSATION,
  failPending,
  hasPending,
  type Pending,
  peerRead,
  peerTyping,
} from '../workspace/conversation.js';

export interface MonitorState {
  readonly contactId: string | null;
  readonly conv: Conversation;
  readonly me: string;
}

export type MonitorAction =
  | { readonly type: 'open'; readonly contactId: string }
  | { readonly type: 'close' }
  | { readonly type: 'frame'; readonly frame: ServerFrame; readonly now: number }
  | { readonly type: 'whisper'; readonly pending: Pending };

export const initialMonitor = (me: string): MonitorState => ({ contactId: null, conv: EMPTY_CONVERSATION, me });

export const monitorReducer = (s: MonitorState, a: MonitorAction): MonitorState => {
  switch (a.type) {
    case 'open':
      return a.contactId === s.contactId ? s : { ...s, contactId: a.contactId, conv: EMPTY_CONVERSATION };
    case 'close':
      return { ...s, contactId: null, conv: EMPTY_CONVERSATION };
    case 'whisper':
      return s.contactId ? { ...s, conv: addPending(s.conv, a.pending) } : s;
    case 'frame': {
      const f = a.frame;
      if (s.contactId === null) return s;
      switch (f.t) {
        case 'msg':
          return f.contactId === s.contactId ? { ...s, conv: addMessage(s.conv, f.message) } : s;
        case 'typing':
          return f.contactId === s.contactId && f.by === 'customer' ? { ...s, conv: peerTyping(s.conv, f.on, a.now) } : s;
        case 'read':
          return f.contactId === s.contactId && f.by === 'customer' ? { ...s, conv: peerRead(s.conv, f.seq) } : s;
        case 'ack':
          return hasPending(s.conv, f.clientId) ? { ...s, conv: acknowledge(s.conv, f, { kind: 'supervisor', name: s.me }) } : s;
        case 'error':
          return f.ref !== null && hasPending(s.conv, f.ref) ? { ...s, conv: failPending(s.conv, f.ref, f.code) } : s;
        default:
          return s;
      }
    }
  }
};
