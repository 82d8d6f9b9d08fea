/** Import (docx): what the importer reports. Rule ids come from the closed registry. */
import type { RuleId, Severity } from '../diagnostics/rules.js';

export interface ImportMessage {
  /** Line of the written Markdown the message is about, when it is about one. */
  line?: number;
  reason: string;
  ruleId: RuleId;
  severity: Severity;
}
