/**
 * The rules of direction from docs/architecture.md, enforced in `npm test`.
 * Capabilities are every folder of src/ except kernel, platform, app and cli.
 */
const SHARED = '(?:kernel|platform|app|cli)';

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/ imports only kernel/ and its own core/: no I/O, no other capability, no platform.',
      severity: 'error',
      from: { path: '^src/([^/]+)/core/' },
      to: { pathNot: ['^src/kernel/', '^src/$1/core/'] },
    },
    {
      name: 'kernel-stands-alone',
      comment: 'kernel/ is the shared pure vocabulary; it depends on nothing of ours.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: '^src/', pathNot: '^src/kernel/' },
    },
    {
      name: 'platform-knows-no-capability',
      comment: 'platform/ is infrastructure; capabilities plug into it, never the reverse.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/(kernel|platform)/' },
    },
    {
      name: 'capabilities-meet-through-index',
      comment: 'A capability reaches another only through its index.ts.',
      severity: 'error',
      from: { path: `^src/(?!${SHARED}/)([^/]+)/` },
      to: { path: `^src/(?!${SHARED}/)[^/]+/`, pathNot: ['^src/$1/', `^src/[^/]+/index\\.ts$`] },
    },
    {
      name: 'only-app-wires',
      comment: 'Only app/ (and the cli/ that starts it) composes capabilities.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(app|cli)/' },
      to: { path: '^src/(app|cli)/' },
    },
    {
      name: 'browser-apps-speak-http-only',
      comment: 'web/ and widget/ use only the public HTTP/WebSocket contracts.',
      severity: 'error',
      from: { path: '^(web|widget)/' },
      to: { path: '^src/' },
    },
    {
      name: 'widget-core-is-pure',
      comment: 'web/widget/src/core/ holds the widget protocol and state rules: no DOM, no I/O, unit-tested in Node.',
      severity: 'error',
      from: { path: '^web/widget/src/core/' },
      to: { pathNot: '^web/widget/src/core/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist|\\.test\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
