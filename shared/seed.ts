/**
 * A service's content seed as a Lambda handler (manifest `seed`). Invoked
 * plainly (the local runtime at start, `npm run seed`) it seeds and answers
 * what it wrote. Invoked by CloudFormation as a custom resource (the stack
 * runs it on each deploy that changes the function) it seeds on Create and
 * Update, does nothing on Delete (content stays with the table), and always
 * answers CloudFormation through the presigned response URL: a deploy never
 * waits out the custom resource timeout, and a failed seed fails the deploy.
 */
import { errorFacts, logger } from './observability/logger.ts';

interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
}

const isCustomResourceEvent = (event: unknown): event is CustomResourceEvent =>
  typeof event === 'object' && event !== null && typeof (event as CustomResourceEvent).ResponseURL === 'string' && 'RequestType' in event;

export function seedHandler<S extends object>(seed: () => Promise<S>) {
  return async (event: unknown): Promise<S | undefined> => {
    if (!isCustomResourceEvent(event)) return seed();
    let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
    let reason = 'content seeded';
    let summary: S | undefined;
    try {
      if (event.RequestType !== 'Delete') summary = await seed();
    } catch (error) {
      logger.error('content seed failed', errorFacts(error, { stack: true }));
      status = 'FAILED';
      reason = `content seed failed: ${(error as Error).name}; see the function's log`;
    }
    const response = await fetch(event.ResponseURL, {
      method: 'PUT',
      // The presigned URL was signed without a content type.
      headers: { 'content-type': '' },
      body: JSON.stringify({
        Status: status,
        Reason: reason,
        PhysicalResourceId: event.PhysicalResourceId ?? `${event.LogicalResourceId}-content-seed`,
        StackId: event.StackId,
        RequestId: event.RequestId,
        LogicalResourceId: event.LogicalResourceId,
        Data: summary ?? {},
      }),
    });
    if (!response.ok) throw new Error(`CloudFormation refused the custom resource response: ${response.status}`);
    return summary;
  };
}
