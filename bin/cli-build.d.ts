/** The bundled entry point of ROOT/src/cli/main.ts (built when missing or stale), or null: run through tsx. */
export function cliEntry(root?: string): Promise<string | null>;
