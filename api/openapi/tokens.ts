// API tokens in the published contract (routes/tokens.ts): admins create, list and revoke them.
import { createdTokenSchema, createTokenBody, tokenListSchema, tokenSchema } from '../routes/tokens';
import type { Operation } from './operation';

const tag = 'API tokens';

export const tokenOperations: Operation[] = [
  {
    tag,
    method: 'get',
    path: '/api/tokens',
    id: 'listTokens',
    summary: 'Every API token',
    description: 'Names, roles and dates, revoked tokens included; never a token or its hash. `ROSTER_ADMIN_TOKEN` is not among them.',
    role: 'admin',
    answers: { 200: { description: 'The tokens, oldest first.', json: tokenListSchema } },
  },
  {
    tag,
    method: 'post',
    path: '/api/tokens',
    id: 'createToken',
    summary: 'Create an API token',
    description: 'The answer is the only place the token appears: Roster keeps its SHA-256 hash. Names are unique, revoked ones included.',
    role: 'admin',
    body: { schema: createTokenBody },
    answers: { 201: { description: 'The token, shown once.', json: createdTokenSchema } },
    errors: ['validation_failed', 'token_exists'],
  },
  {
    tag,
    method: 'delete',
    path: '/api/tokens/{name}',
    id: 'revokeToken',
    summary: 'Revoke an API token',
    description: 'From then on the token answers 401, and the console sessions signed in with it end at their next request. Revoking a revoked token answers 409 `token_revoked`.',
    role: 'admin',
    answers: { 200: { description: 'The token, revoked.', json: tokenSchema } },
    errors: ['token_revoked'],
  },
];
