/** The Lealtad mark: a ribbon-badge in a rounded square, drawn so it stays crisp at any size. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg
      className="brand-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill="var(--brand-700)" />
      <path d="M11 19.5 9 27l7-3 7 3-2-7.5" fill="var(--brand-200)" />
      <circle cx="16" cy="13.5" r="7.5" fill="#fff" />
      <path
        d="m16 9 1.4 2.9 3.1.4-2.3 2.2.6 3.1-2.8-1.5-2.8 1.5.6-3.1-2.3-2.2 3.1-.4Z"
        fill="var(--brand-700)"
      />
    </svg>
  );
}
