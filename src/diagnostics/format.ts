/**
 * Printing diagnostics: `path:line:column severity reason rule-id`, as JSON,
 * or as GitHub Actions workflow commands.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { severityOf } from './report.js';

export interface Diagnostic {
  file: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  severity: 'error' | 'warning' | 'info';
  ruleId: string | null;
  message: string;
}

export function toDiagnostic(message: VFileMessage, path: string): Diagnostic {
  const place = message.place;
  const start = place && 'start' in place ? place.start : place;
  const end = place && 'end' in place ? place.end : null;
  return {
    file: message.file || path,
    line: start?.line ?? null,
    column: start?.column ?? null,
    endLine: end?.line ?? null,
    endColumn: end?.column ?? null,
    severity: severityOf(message),
    ruleId: message.ruleId ?? null,
    message: message.reason,
  };
}

export function diagnosticsOf(file: VFile): Diagnostic[] {
  return sortDiagnostics(file.messages.map((m) => toDiagnostic(m, file.path)));
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''),
  );
}

/** `source/x.md:12:3 warning Paragraph 7 follows 5 numbering-gap` */
export function formatText(d: Diagnostic): string {
  const where = d.line != null ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  return `${where} ${d.severity} ${d.message}${d.ruleId ? ` ${d.ruleId}` : ''}`;
}

function escapeGithub(value: string, property = false): string {
  let out = value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

/** `::warning file=…,line=…,col=…,title=rule::message` */
export function formatGithub(d: Diagnostic): string {
  const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
  const props = [`file=${escapeGithub(d.file, true)}`];
  if (d.line != null) props.push(`line=${d.line}`);
  if (d.column != null) props.push(`col=${d.column}`);
  if (d.endLine != null) props.push(`endLine=${d.endLine}`);
  if (d.endColumn != null) props.push(`endColumn=${d.endColumn}`);
  if (d.ruleId) props.push(`title=${escapeGithub(d.ruleId, true)}`);
  return `::${command} ${props.join(',')}::${escapeGithub(d.message)}`;
}
