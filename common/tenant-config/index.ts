// The tenant config module: validate a whole config at the edge, describe what a change changed.
export { validateTenantConfig } from './schema';
export type { GroupSource } from './group-sources';
export type { ConfigIssue, ConfigValidation, ExcludeCondition, ExcludeRule, TenantConfig, ValidateOptions } from './schema';
export { describeConfigChanges } from './changes';
export { parseCron, firesOn, minGapMinutes } from './cron';
export type { CronParseResult, CronSchedule } from './cron';
export * from './fields';
