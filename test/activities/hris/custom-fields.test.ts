// How a vendor's own fields become `custom` values: names a config may write, values as text.
import { describe, expect, it } from 'vitest';
import { customName, customRecord, customText } from '../../../activities/hris/custom-fields';
import { isEmployeeField } from '../../../common/tenant-config/fields';

describe('customName', () => {
  it('keeps a key a config can name as it is, case included', () => {
    for (const key of ['4001', 'cfShirtSize01', 'Gm9hb8yK_x-1']) {
      expect(customName(key)).toBe(key);
      expect(isEmployeeField(`custom.${key}`), key).toBe(true);
    }
  });

  it('turns every other character into _, and so a leading -, the same way each time', () => {
    const names = ['4340.4', 'cf/legacy badge', '-x', 'é'].map(customName);
    expect(names).toEqual(['4340_4', 'cf_legacy_badge', '_x', '_']);
    for (const name of names) expect(isEmployeeField(`custom.${name}`), name).toBe(true);
    expect(customName('  ')).toBeUndefined();
  });
});

describe('customText', () => {
  it('trims text, writes numbers as they are, and joins a list’s values with "; "', () => {
    expect(customText('  CC-100 ')).toBe('CC-100');
    expect(customText(42.5)).toBe('42.5');
    expect(customText(['English', ' Spanish ', '', 3])).toBe('English; Spanish; 3');
  });

  it('leaves out blank values and shapes no vendor documents', () => {
    for (const value of ['   ', [], ['  '], null, undefined, true, { value: 'x' }, [{ value: 'x' }], Number.NaN]) expect(customText(value), JSON.stringify(value)).toBeUndefined();
  });
});

describe('customRecord', () => {
  it('is undefined without entries, and keeps a key such as __proto__ as a plain key', () => {
    expect(customRecord([])).toBeUndefined();
    const record = customRecord([['__proto__', 'x']]);
    expect(Object.keys(record!)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });
});
