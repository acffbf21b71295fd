/** `$connect` of both hubs: a pro credential is required before the upgrade. */
import type { WebSocketRoute } from '#shared/manifest';

export const hubConnectRoute: WebSocketRoute & { auth: 'pro-token' } = {
  handler: 'functions/liftlog/coach/hub/connect.ts',
  auth: 'pro-token',
  access: { secrets: ['coach'] },
};
