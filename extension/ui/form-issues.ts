/**
 * Shows validation issues, the client's or the server's, next to the field they name; those
 * that name no field of the form go to its banner, and the first invalid field gets focus.
 */
import type { FieldIssue } from '../../shared/errors.js';
import type { Field } from './form-fields.js';

export interface FormIssues {
  /** `fallback` is the banner's text when there are no issues at all (a failure, not a mistake). */
  show(issues: readonly FieldIssue[], fallback: string): void;
  clear(): void;
}

export function createFormIssues(banner: HTMLElement, fields: Record<string, Field<HTMLInputElement | HTMLTextAreaElement>>): FormIssues {
  return {
    show(issues, fallback) {
      const general = issues.filter((issue) => !fields[issue.field]);
      for (const issue of issues) fields[issue.field]?.setError(issue.message);
      banner.textContent = general.map((issue) => issue.message).join(' ') || (issues.length === 0 ? fallback : '');
      const firstInvalid = issues.map((issue) => fields[issue.field]?.control).find(Boolean);
      firstInvalid?.focus();
    },
    clear() {
      for (const field of Object.values(fields)) field.setError('');
      banner.replaceChildren();
    },
  };
}
