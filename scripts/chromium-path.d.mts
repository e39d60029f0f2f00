export const INSTALL_HINT: string
export function resolveChromium(): string | undefined
