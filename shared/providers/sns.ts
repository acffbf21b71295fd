/**
 * The SNS client of the real SMS and push adapters. Only those modules import
 * it, and they are loaded on first real use, so local runs never create it.
 */
import { SNSClient } from '@aws-sdk/client-sns';

export const sns = /* @__PURE__ */ new SNSClient({});
