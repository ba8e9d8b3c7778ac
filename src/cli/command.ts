// The shape of one `lede` command: a help text and a run function returning the exit code.
export interface Command {
  summary: string;
  help: string;
  run(argv: string[]): Promise<number>;
}
