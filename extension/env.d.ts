// Plasmo inlines process.env.PLASMO_PUBLIC_* at build time; the extension has no Node `process`.
declare const process: { env: NodeJS.ProcessEnv & { PLASMO_PUBLIC_RW_SERVER?: string; PLASMO_PUBLIC_RW_TOKEN?: string } };
