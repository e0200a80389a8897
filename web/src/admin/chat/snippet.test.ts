import { describe, expect, it } from 'vitest';
import { embedSnippet, signedPayload, signingExample } from './snippet.js';

describe('embed snippet', () => {
  it('should name the widget script on this server, the key and the locale', () => {
    expect(embedSnippet('https://kefu.example/', 'kfw_abcdefghijklmnopqrstuvwx')).toBe(
      '<script src="https://kefu.example/widget.js" data-kefu-key="kfw_abcdefghijklmnopqrstuvwx" data-locale="zh-CN" async></script>',
    );
    expect(embedSnippet('http://127.0.0.1:3000', 'kfw_x', 'en')).toContain('data-locale="en"');
  });

  it('should escape attribute text so a copied tag cannot be broken open', () => {
    expect(embedSnippet('https://a.example', 'k"><img>')).toContain('data-kefu-key="k&quot;&gt;&lt;img&gt;"');
  });

  it('should sign userId.timestamp, the string the server checks', () => {
    expect(signedPayload('u_42', 1767225600)).toBe('u_42.1767225600');
    // The recipe shown to admins signs that same string with HMAC-SHA256 and hex output (src/chat/core/identity.ts).
    expect(signingExample()).toContain("createHmac('sha256', IDENTITY_SECRET).update(userId + '.' + timestamp).digest('hex')");
    expect(signingExample()).toContain('window.kefuSettings = { user: { id: userId, timestamp, signature } }');
  });
});
