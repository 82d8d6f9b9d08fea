/**
 * Adding diagnostics to a VFile. Content problems are never thrown: they are
 * messages on the file, with a place, a rule id and a severity.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { rules, type RuleId, type Severity } from './rules.js';

export type Place = { line: number; column: number } | { start: { line: number; column: number }; end: { line: number; column: number } } | null | undefined;

/** Add a diagnostic with the rule's own severity (or an explicit one). */
export function report(file: VFile, ruleId: RuleId, reason: string, place?: Place, severity?: Severity): VFileMessage {
  const message = file.message(reason, { place: place ?? undefined, ruleId, source: 'briefpack' });
  const level = severity ?? rules[ruleId].severity;
  message.fatal = level === 'error' ? true : level === 'warning' ? false : undefined;
  return message;
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((m) => m.fatal === true);
}

/**
 * A content problem that stops one document (or one output of it), already
 * described by the message on its file. The build catches it and moves on.
 */
export class DocumentFailed extends Error {
  constructor(readonly diagnostic: VFileMessage) {
    super(diagnostic.reason);
    this.name = 'DocumentFailed';
  }
}

/** Report an error and stop this document. */
export function fail(file: VFile, ruleId: RuleId, reason: string, place?: Place): never {
  throw new DocumentFailed(report(file, ruleId, reason, place, 'error'));
}

export type SeverityOverride = Severity | 'off';

/**
 * Apply per-rule severities (project file, then the source's front matter,
 * the later winning): `off` drops a rule's messages, another severity
 * replaces the rule's default.
 */
export function applySeverities(file: VFile, ...overrides: Array<Record<string, SeverityOverride> | undefined | null>): void {
  const merged: Record<string, SeverityOverride> = Object.assign({}, ...overrides.filter(Boolean));
  if (!Object.keys(merged).length) return;
  file.messages = file.messages.filter((m) => merged[m.ruleId ?? ''] !== 'off');
  for (const m of file.messages) {
    const level = merged[m.ruleId ?? ''];
    if (level) m.fatal = level === 'error' ? true : level === 'warning' ? false : undefined;
  }
}
