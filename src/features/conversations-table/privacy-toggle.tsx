import './filters.css'

/** The "Hide personal data" switch (state: useHidePersonalData() in privacy.ts). */
export function HidePersonalToggle({
  hidden,
  onChange,
}: {
  hidden: boolean
  onChange: (hidden: boolean) => void
}) {
  return (
    <label className="privacy-toggle">
      <input
        type="checkbox"
        role="switch"
        aria-checked={hidden}
        checked={hidden}
        onChange={(e) => onChange(e.target.checked)}
      />
      Hide personal data
    </label>
  )
}
