// Who is in scope (docs/PRODUCT.md "Rules for the plan"): an included status, an end date not yet
// passed (a future end date is still in scope), and no exclusion rule matching.
//
// Rule values are compared case-sensitively, after trimming and Unicode composition: support
// copies them from the HR system's own spelling, which the test run's preview shows, and a
// case-insensitive match would quietly widen codes such as "PT" vs "pt". A missing value never
// matches; a list field (tags, groups) matches when any of its values does.
import type { Employee } from '../../../common/directory';
import type { ExcludeCondition, ExcludeRule } from '../../../common/tenant-config';
import { fieldValues } from './employee-fields';
import type { OutOfScopeReason, PlanConfig } from './types';

export type ScopeDecision = { inScope: true } | { inScope: false; code: OutOfScopeReason; reason: string };

interface CompiledRule {
  matches(employee: Employee): boolean;
  description: string;
}

const IN_SCOPE: ScopeDecision = { inScope: true };

export function compileScope(include: PlanConfig['include'], today: string): (employee: Employee) => ScopeDecision {
  const statuses = new Set<string>(include.statuses);
  const rules = include.exclude.map(compileRule);
  return (employee) => {
    if (!statuses.has(employee.status)) {
      return {
        inScope: false,
        code: employee.status === 'terminated' ? 'terminated' : 'out_of_scope',
        reason: `Status "${employee.status}" is not one of the included statuses (${include.statuses.join(', ')}).`,
      };
    }
    // ISO dates compare as text; the end date itself is still a working day.
    const endDate = employee.endDate?.slice(0, 10);
    if (endDate !== undefined && endDate < today) return { inScope: false, code: 'left', reason: `Left: the end date ${endDate} has passed.` };
    const index = rules.findIndex((rule) => rule.matches(employee));
    const rule = rules[index];
    if (rule) return { inScope: false, code: 'out_of_scope', reason: `Excluded by rule ${index + 1}: ${rule.description}.` };
    return IN_SCOPE;
  };
}

function compileRule(rule: ExcludeRule): CompiledRule {
  if (!('all' in rule)) return compileCondition(rule);
  const conditions = rule.all.map(compileCondition);
  return {
    matches: (employee) => conditions.every((condition) => condition.matches(employee)),
    description: conditions.map((condition) => condition.description).join(' and '),
  };
}

function compileCondition(condition: ExcludeCondition): CompiledRule {
  const { field } = condition;
  const wanted = 'equals' in condition ? [condition.equals] : condition.in;
  const accepted = new Set(wanted.map(comparable));
  return {
    matches: (employee) => fieldValues(employee, field).some((value) => accepted.has(comparable(value))),
    description: 'equals' in condition ? `${field} is "${condition.equals}"` : `${field} is one of ${wanted.map((value) => `"${value}"`).join(', ')}`,
  };
}

function comparable(value: string): string {
  return value.trim().normalize('NFC');
}
