/**
 * Where the invite SMS sends the guardian: `SMS_GUARD_LINK` followed by the
 * token, as in the original (whose short-link host, https://sms.penhas.com.br/,
 * forwards to the API's `/web/guardiao?token=`). Locally the runtime's own page.
 */
export const DEFAULT_INVITE_LINK = 'https://sms.penhas.com.br/';

export const inviteLinkBase = (): string => process.env.SMS_GUARD_LINK || DEFAULT_INVITE_LINK;
