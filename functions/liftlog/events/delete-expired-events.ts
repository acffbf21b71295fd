/** Hourly: deletes events past their expiry (reads already hide them; DynamoDB's TTL may lag by days). */
import { deleteExpiredEvents } from './events.ts';

export const handler = async (): Promise<void> => {
  const deleted = await deleteExpiredEvents();
  console.log(JSON.stringify({ level: 'INFO', message: 'deleted expired events', count: deleted }));
};
