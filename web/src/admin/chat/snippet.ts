/** What an admin pastes into their site: the embed tag and the identity-signing recipe. Pure. */

export type WidgetLocale = 'zh-CN' | 'en';

/** The attribute values are a key (`kfw_` + base64url) and an origin, but escaped anyway: this text is copied into other sites. */
const attr = (v: string): string => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const embedSnippet = (origin: string, publicKey: string, locale: WidgetLocale = 'zh-CN'): string =>
  `<script src="${attr(origin.replace(/\/+$/, ''))}/widget.js" data-kefu-key="${attr(publicKey)}" data-locale="${locale}" async></script>`;

/** The string a site signs: `${userId}.${timestamp}` (docs/chat.md). */
export const signedPayload = (userId: string, timestamp: number): string => `${userId}.${timestamp}`;

/** A server-side example in Node, shown next to the snippet; the secret stays on the site's server. */
export const signingExample = (): string =>
  [
    "const crypto = require('node:crypto');",
    'const timestamp = Math.floor(Date.now() / 1000);',
    "const signature = crypto.createHmac('sha256', IDENTITY_SECRET).update(userId + '.' + timestamp).digest('hex');",
    '// In the page, before the widget tag:',
    'window.kefuSettings = { user: { id: userId, timestamp, signature } };',
  ].join('\n');
