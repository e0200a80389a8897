/** The plain-text transcript a visitor downloads: public messages only, times in UTC. */
export interface TranscriptLine {
  readonly at: number;
  readonly author: string;
  readonly body: string;
  readonly attachment: string | null;
}

const stamp = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export const renderTranscript = (title: string, contactId: string, startedAt: number, lines: readonly TranscriptLine[]): string => {
  const out = [title, `Conversation ${contactId}`, `Started ${stamp(startedAt)}`, ''];
  for (const l of lines) {
    const body = l.body.replace(/\r\n?/g, '\n').split('\n').join('\n    ');
    out.push(`[${stamp(l.at)}] ${l.author}: ${body}`);
    if (l.attachment !== null) out.push(`    [attachment: ${l.attachment}]`);
  }
  return `${out.join('\n')}\n`;
};
