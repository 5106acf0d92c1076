// The company's own BambooHR fields (docs/CONNECTORS.md, "BambooHR"). GET /meta/fields lists every
// field of the account: BambooHR's named ones with an alias, the company's custom ones without one.
// Each read asks for the custom ones by id in the same report or employee call as the rest, so they
// arrive with the person as `custom.<id>`: an id never changes, a field's name is a label.
import { ConnectorError } from '../../http/errors';
import { loggerFor } from '../../../common/logger';
import { BAMBOOHR, fieldInfo, fieldList, type BambooField } from './api';
import type { BambooHrClient } from './client';

const log = loggerFor('connectors');

/** The fields a read asks for: BambooHR's that Roster maps, then the company's own, by id. */
export interface FieldsToRead {
  all: readonly string[];
  /** The company's own, read into `custom`. */
  custom: readonly string[];
}

// A sub-field's id is dotted: it is part of a field, not one of its own.
const TOP_LEVEL_ID = /^[1-9]\d*$/;

const isCompanysOwn = (field: BambooField) => !field.alias?.trim() && !field.deprecated && TOP_LEVEL_ID.test(field.id);

/**
 * The company's own fields in id order, as many as a report takes beside Roster's. An entry
 * Roster cannot read is skipped: the list describes fields, and one odd field must not stop a sync.
 */
export function customFieldIds(entries: readonly unknown[]): string[] {
  const ids = new Set(entries.flatMap((entry) => {
    const field = fieldInfo.safeParse(entry);
    return field.success && isCompanysOwn(field.data) ? [field.data.id] : [];
  }));
  const room = BAMBOOHR.maxReportFields - BAMBOOHR.fields.length;
  if (ids.size > room) log.warn('bamboohr company has more custom fields than a report takes; the first by id are read', { fields: ids.size, read: room });
  return [...ids].sort((a, b) => Number(a) - Number(b)).slice(0, room);
}

/**
 * What to ask BambooHR for, from its list of fields. A list Roster cannot read fails the read: read
 * without them, every custom value would look cleared.
 */
export async function fieldsToRead(call: BambooHrClient): Promise<FieldsToRead> {
  const { body } = await call('GET', BAMBOOHR.paths.fields);
  const list = fieldList.safeParse(body);
  if (!list.success) throw new ConnectorError('invalid_response', `BambooHR answered GET ${BAMBOOHR.paths.fields} without its list of fields`);
  const custom = customFieldIds(list.data);
  return { all: [...BAMBOOHR.fields, ...custom], custom };
}
