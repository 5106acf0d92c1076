// Just enough GraphQL for the Worknice fake: one query operation with arguments, variables and
// aliases (no fragments), validated against the fake's schema — an unknown field fails the whole
// query, as on a real server, so a field Roster should not ask for fails here too — and resolved
// over lazy objects, a failing field answering null beside an error with its path.

export type Value = string | number | boolean | null | Value[] | { variable: string };

export interface Selection {
  alias: string;
  name: string;
  args: Record<string, Value>;
  selections?: Selection[];
}

/** Each type's fields: the object type a field returns, or null for a scalar or an enum. */
export type Schema = Record<string, Record<string, string | null>>;

/** A resolved object: its type and how each field is found, given the field's arguments. */
export interface GraphNode {
  type: string;
  fields: Record<string, (args: Record<string, unknown>) => unknown>;
}

export interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code: string };
}

/** A field failure a resolver throws; without a code the error entry has no extensions. */
export class FieldError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

export class SyntaxFailure extends Error {}

const NAME = /^[A-Za-z_]\w*$/;

function tokenize(source: string): string[] {
  const tokens = source.match(/#[^\n]*|"(?:\\.|[^"\\])*"|\.\.\.|-?\d+(?:\.\d+)?|[A-Za-z_]\w*|[^\s,]/g) ?? [];
  return tokens.filter((token) => !token.startsWith('#'));
}

/** The selections of a document's single query operation. */
export function parseQuery(source: string): Selection[] {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new SyntaxFailure(`Syntax Error: Expected ${expected ?? 'more'}, found ${token ?? '<EOF>'}.`);
    }
    return token;
  };
  const name = () => {
    const token = take();
    if (!NAME.test(token)) throw new SyntaxFailure(`Syntax Error: Expected Name, found "${token}".`);
    return token;
  };
  const value = (): Value => {
    const token = take();
    if (token === '$') return { variable: name() };
    if (token === '[') {
      const list: Value[] = [];
      while (peek() !== ']') list.push(value());
      take(']');
      return list;
    }
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (token.startsWith('"')) return JSON.parse(token) as string;
    if (/^-?\d/.test(token)) return Number(token);
    if (NAME.test(token)) return token;
    throw new SyntaxFailure(`Syntax Error: Unexpected "${token}".`);
  };
  const args = () => {
    const list: Record<string, Value> = {};
    if (peek() !== '(') return list;
    take('(');
    while (peek() !== ')') {
      const key = name();
      take(':');
      list[key] = value();
    }
    take(')');
    return list;
  };
  const selectionSet = (): Selection[] => {
    take('{');
    const list: Selection[] = [];
    while (peek() !== '}') {
      if (peek() === '...') throw new SyntaxFailure('Fragments are not supported by this server.');
      const alias = name();
      const field = peek() === ':' ? (take(':'), name()) : alias;
      list.push({ alias, name: field, args: args(), selections: peek() === '{' ? selectionSet() : undefined });
    }
    take('}');
    return list;
  };

  if (peek() === 'mutation' || peek() === 'subscription') throw new SyntaxFailure(`This server answers queries only, not a ${peek()}.`);
  if (peek() === 'query') {
    take();
    if (peek() !== '(' && peek() !== '{') name();
    // Variable definitions are not checked: their values arrive in `variables`.
    if (peek() === '(') while (take() !== ')');
  }
  const selections = selectionSet();
  if (at < tokens.length) throw new SyntaxFailure(`Syntax Error: Unexpected "${tokens[at]}" after the operation.`);
  return selections;
}

/** The messages a real server's validation would give: unknown fields, and leaves or objects selected wrongly. */
export function validate(schema: Schema, selections: Selection[], type = 'Query'): string[] {
  return selections.flatMap((s) => {
    const fields = schema[type] ?? {};
    if (s.name === '__typename') return s.selections ? [`Field "__typename" must not have a selection since type "String!" has no subfields.`] : [];
    if (!Object.hasOwn(fields, s.name)) return [`Cannot query field "${s.name}" on type "${type}".`];
    const target = fields[s.name];
    if (!target) return s.selections ? [`Field "${s.name}" must not have a selection since it is a leaf.`] : [];
    if (!s.selections) return [`Field "${s.name}" of type "${target}" must have a selection of subfields.`];
    return validate(schema, s.selections, target);
  });
}

const argument = (value: Value, variables: Record<string, unknown>): unknown => {
  if (Array.isArray(value)) return value.map((v) => argument(v, variables));
  if (value !== null && typeof value === 'object') return variables[value.variable];
  return value;
};

/** The selections of `node`, resolved; a field whose resolver throws is null and adds an error. */
export function execute(node: GraphNode, selections: Selection[], variables: Record<string, unknown>, errors: GraphqlError[], path: (string | number)[] = []): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const s of selections) {
    const at = [...path, s.alias];
    if (s.name === '__typename') {
      result[s.alias] = node.type;
      continue;
    }
    try {
      const args = Object.fromEntries(Object.entries(s.args).map(([key, value]) => [key, argument(value, variables)]));
      const value = node.fields[s.name]!(args);
      const project = (item: unknown, itemPath: (string | number)[]) => (item == null ? null : execute(item as GraphNode, s.selections!, variables, errors, itemPath));
      if (!s.selections) result[s.alias] = value ?? null;
      else result[s.alias] = Array.isArray(value) ? value.map((item, index) => project(item, [...at, index])) : project(value, at);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      result[s.alias] = null;
      errors.push({ message: error.message, path: at, ...(error.code ? { extensions: { code: error.code } } : {}) });
    }
  }
  return result;
}
