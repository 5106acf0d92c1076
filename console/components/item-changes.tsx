// An item's field-level changes, readable: each field that moves as before → after, the account a
// create makes, the manager of the second pass, a group's rename and members. Never JSON.
import type { PersonItemView, PlanItemView } from '../../api/sync-view';

type Changes = PlanItemView['changes'];
type Value = string | boolean | null | undefined;

const fieldLabels: Record<string, string> = {
  userName: 'User name',
  externalId: 'External id',
  givenName: 'Given name',
  familyName: 'Family name',
  displayName: 'Display name',
  email: 'E-mail',
  active: 'Account',
};

const shown = (value: Value) => (value === null || value === undefined || value === '' ? '(none)' : typeof value === 'boolean' ? (value ? 'active' : 'inactive') : value);

// Drawn, not a character: not every font has an arrow.
const Arrow = () => (
  <svg class="arrow" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d="M1 8h12M9 4l4 4-4 4" fill="none" stroke="currentColor" stroke-width="1.6" />
  </svg>
);

function Move({ label, from, to }: { label: string; from?: Value; to: Value }) {
  return (
    <li>
      <span class="change-field">{label}:</span>{' '}
      {from !== undefined && (
        <>
          <del>{shown(from)}</del> <Arrow />
          <span class="visually-hidden">changes to</span>{' '}
        </>
      )}
      <ins>{shown(to)}</ins>
    </li>
  );
}

type Moves = { label: string; from?: Value; to: Value }[];

function movesOf(changes: Changes, fields: PlanItemView['fields']): Moves {
  if (fields) {
    const { attributes, ...account } = fields;
    return [...Object.entries(account).map(([key, to]) => ({ label: fieldLabels[key] ?? key, to })), ...Object.entries(attributes).map(([label, to]) => ({ label, to }))];
  }
  if (!changes) return [];
  if ('managerHrisId' in changes) return [{ label: 'Manager (HR id)', to: changes.managerHrisId }];
  if ('add' in changes) {
    return [
      ...(changes.adoptedAs ? [{ label: 'Existing group taken over, as', to: changes.adoptedAs }] : []),
      ...(changes.rename ? [{ label: 'Group name', from: changes.rename.from, to: changes.rename.to }] : []),
      ...(changes.add.length ? [{ label: 'Members added', to: changes.add.map((member) => member.hrisId).join(', ') }] : []),
      ...(changes.remove.length ? [{ label: 'Members removed', to: changes.remove.join(', ') }] : []),
    ];
  }
  const { attributes, ...account } = changes;
  return [
    ...Object.entries(account).map(([key, change]) => ({ label: fieldLabels[key] ?? key, from: change.from, to: change.to })),
    ...Object.entries(attributes ?? {}).map(([label, change]) => ({ label, from: change.from, to: change.to })),
  ];
}

export function ItemChanges({ item }: { item: Pick<PlanItemView, 'action' | 'changes' | 'fields'> | PersonItemView }) {
  const planned = movesOf(item.changes, 'fields' in item ? item.fields : undefined);
  // An anonymise item keeps no "before" (it was the person's): only the neutral values it writes.
  const moves = item.action === 'anonymise' ? planned.map(({ label, to }) => ({ label, to })) : planned;
  if (moves.length === 0) return <span class="muted">{item.action === 'create' ? 'A new account' : 'No field changes'}</span>;
  return (
    <ul class="changes">
      {moves.map((move) => (
        <Move key={move.label} {...move} />
      ))}
    </ul>
  );
}
