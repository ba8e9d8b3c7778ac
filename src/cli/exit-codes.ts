// LedeError codes → CLI exit codes, in one place.
import { isLedeError, type ErrorCode } from '../domain/errors.ts';

const EXIT: Partial<Record<ErrorCode, number>> = { bad_input: 2, bad_config: 3, not_found: 4 };

export function exitCodeOf(e: unknown): number {
  return isLedeError(e) ? (EXIT[e.code] ?? 1) : 1;
}
