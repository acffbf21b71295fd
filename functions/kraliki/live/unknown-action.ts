/** `$default`: a frame naming no action of this API → `error`. */
import { unknownAction } from '#shared/ws/live-actions';

export const handler = unknownAction();
