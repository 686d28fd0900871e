// Types of scripts/build-extension.mjs for the TypeScript that imports it (the demo, the e2e tests).
export type ExtensionTarget = 'chrome' | 'firefox';

export const EXTENSION_DIR: string;
export const TARGETS: Record<ExtensionTarget, { dir: string; args: string[] }>;

/** True when the target's manifest exists and is newer than every source file. */
export function isFresh(target: ExtensionTarget): boolean;

/**
 * Builds the Chrome and Firefox extensions unless their builds are newer than every source file.
 * Resolves to the unpacked build folders (absolute paths). `force` rebuilds regardless.
 */
export function buildExtension(options?: { quiet?: boolean; force?: boolean; targets?: ExtensionTarget[] }): Promise<{ chrome: string; firefox: string }>;
