/**
 * Answers for requests that never become requests: header blocks over the size limit, headers or
 * bodies that arrive too slowly, bytes that are not HTTP. Node hands them to us as socket errors;
 * they get the same JSON error envelope as every other refusal, then the connection is closed.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { ERROR_CATALOGUE, type ErrorCode } from '../../kernel/index.js';

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

export const clientErrorCode = (code: string | undefined): ErrorCode => {
  if (code === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'HPE_HEADERS_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'MALFORMED_REQUEST';
};

export const answerClientError = (err: Error & { code?: string }, socket: Socket): void => {
  const code = clientErrorCode(err.code);
  const { status, message } = ERROR_CATALOGUE[code];
  if (socket.writable && (socket as Socket & { _httpMessage?: unknown })._httpMessage === undefined) {
    const body = JSON.stringify({ error: { code, message, requestId: randomUUID() } });
    socket.write(
      `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
};
