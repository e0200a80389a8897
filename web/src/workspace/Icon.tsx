/**
 * Small stroke icons drawn inline, so they look the same on every system (emoji glyphs are missing
 * from many fonts, servers and kiosks) and take the text colour.
 */
const PATHS = {
  lock: 'M7 11V8a5 5 0 0110 0v3M5 11h14v10H5z',
  whisper: 'M4 5h16v11H9l-5 4zM9 10h.01M12 10h.01M15 10h.01',
  clock: 'M12 7v5l3 2M21 12a9 9 0 11-18 0 9 9 0 0118 0z',
  power: 'M12 3v9M6.3 6.3a8 8 0 1011.4 0',
  check: 'M5 12l5 5L20 7',
  swap: 'M7 7h13l-4-4M17 17H4l4 4',
  eye: 'M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12zM12 15a3 3 0 100-6 3 3 0 000 6z',
  clip: 'M21 11l-8.5 8.5a5 5 0 01-7-7L14 4a3.5 3.5 0 015 5l-8.5 8.5a2 2 0 01-3-3L15 7',
  keyboard: 'M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
  bolt: 'M13 2L4 14h7l-1 8 9-12h-7z',
} as const;

export type IconName = keyof typeof PATHS;

export const Icon = ({ name, size = 14 }: { name: IconName; size?: number }) => (
  <svg
    className="icon"
    width={size}
    height={size}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
  >
    <path d={PATHS[name]} />
  </svg>
);
