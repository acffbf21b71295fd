/** `$connect` of both hubs: a pro credential is required before the upgrade. */
import type { WebSocketRoute } from '#shared/manifest';
import { type LiftlogResources, secrets } from '../../resources.ts';

export const hubConnectRoute: WebSocketRoute<LiftlogResources> & { auth: 'pro-token' } = {
  handler: 'functions/liftlog/coach/hub/connect.ts',
  auth: 'pro-token',
  access: { secrets: [secrets.coach] },
};
