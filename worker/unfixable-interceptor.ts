// Every activity's errors pass here (dust's error interceptor): a cause retrying cannot fix ends
// the activity with a typed non-retryable failure instead of retries for as long as the policy
// allows, which for the tenant's records is for good.
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, Next } from '@temporalio/worker';
import { unfixableCause } from '../common/unfixable';

export class UnfixableCauseInterceptor implements ActivityInboundCallsInterceptor {
  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      return await next(input);
    } catch (error) {
      const unfixable = unfixableCause(error);
      if (!unfixable) throw error;
      throw ApplicationFailure.create({ type: unfixable.cause, message: unfixable.message, nonRetryable: true });
    }
  }
}
