import { text } from '#shared/http/responses';

/** Load balancers and the app's connectivity check: plain `healthy`, as the original. */
export const handler = async () => text('healthy');
