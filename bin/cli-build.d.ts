/** The bundled entry point of ROOT/src/cli/main.ts (built when missing or stale), or null: run through tsx. */
export function cliEntry(root?: string): Promise<string | null>;
/** The bundled prepare-thread entry beside the bundled entry point `entry`, or null when it has none. */
export function workerEntry(entry: string): string | null;
