/**
 * Names the service gives things on the Twilio account. One Twilio account
 * serves every organization, so each name carries what makes it unique: a
 * conference is named after its call (a UUID), a queue after its organization.
 */

/** The conference a call's customer, agent and supervisor meet in. */
export const conferenceNameOf = (callId: string): string => `call-${callId}`;

/** An organization's Twilio queue `target` (`<Enqueue>`); Twilio allows 64 characters: 36 + 1 + at most 27. */
export const queueNameOf = (organizationId: string, target: string | null | undefined): string => `${organizationId}.${target || 'default'}`;
