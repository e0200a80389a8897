/** The kefu mark: the character 客 on the brand colour, drawn inline so it needs no image request. */
export const BrandMark = ({ size = 28 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false" className="brand-mark">
    <rect width="32" height="32" rx="8" fill="var(--brand)" />
    <text x="16" y="22.5" fontSize="17" textAnchor="middle" fill="#fff" fontWeight="600">
      客
    </text>
  </svg>
);
