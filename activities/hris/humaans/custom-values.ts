// Humaans' custom fields on the person (docs/CONNECTORS.md, "Humaans"): every custom value is read
// once per read and grouped by person, each as `custom.<customFieldId>`. The field's id is stable;
// its name is a label the company may rename at any time, so it never names the value.
import { customName, customRecord, customText } from '../custom-fields';
import type { HumaansCustomValue } from './api';

/**
 * Each person's own custom values by name. A value with a `resourceId` belongs to another record
 * (unconfirmed: one job role or compensation, sections custom fields may also live in), not to the
 * person as they are now, so it is left out. Should a person hold one field twice, the first value
 * Humaans lists is kept, so a read always gives the same answer.
 */
export function groupCustomByPerson(values: readonly HumaansCustomValue[]): Map<string, Record<string, string>> {
  const byPerson = new Map<string, Map<string, string>>();
  for (const { personId, customFieldId, resourceId, value } of values) {
    const name = customName(customFieldId);
    const text = customText(value);
    if (resourceId?.trim() || name === undefined || text === undefined) continue;
    const own = byPerson.get(personId) ?? new Map<string, string>();
    if (!own.has(name)) own.set(name, text);
    byPerson.set(personId, own);
  }
  return new Map([...byPerson].map(([personId, own]) => [personId, customRecord(own)!]));
}
