/**
 * Who a timeline or chat event notifies, with what text, as the original's
 * notification jobs decided:
 *
 *   like     the tweet's author (not the liker), "curtiu sua publicação" or
 *            "curtiu seu comentário", if her NOTIFY_LIKES_POSTS_CREATED /
 *            _COMMENTED says so; icon 3.
 *   comment  the post's author, the author of the tweet answered, and everyone
 *            who commented on that same tweet (not the commenter):
 *            "comentou na sua publicação" for the post's author
 *            (NOTIFY_COMMENTS_POSTS_CREATED), "comentou na publicação que você
 *            participou" for the others (NOTIFY_COMMENTS_POSTS_COMMENTED);
 *            content ❝comment❞ na publicação ❝tweet❞; icon 5.
 *   chat     her, "enviou uma mensagem" (empty from the support), if her
 *            NOTIFY_CHAT_NEW_MESSAGES says so; icon 1.
 *
 * An event acts only on what it claims: a like that is stored, a comment
 * that answers that tweet by that author, an unread marker with that time.
 * Otherwise, and for a deleted tweet, it notifies nobody. Texts are cut at
 * 100 characters with "…".
 * Pushes carry a neutral text: a lock screen must not tell who wrote or what,
 * nor that the phone holds PenhaS (many use it camouflaged).
 */
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import { preferenceValues } from '../accounts/preferences.ts';
import { findUser, isActive } from '../accounts/users.ts';
import * as table from '#shared/db/table';
import { chatPendingKey, repliesIndexPk, tweetLikeKey } from '../keys.ts';
import { findTweet, type TweetRecord } from '../timeline/tweets.ts';
import type { NotificationEvent } from './events.ts';
import { type NotificationInput, notify } from './notify.ts';

export const PUSH_TITLE = 'Você tem uma nova notificação';

const cut = (text: string): string => (text.length > 100 ? `${text.slice(0, 100)}…` : text);

interface Candidate extends Omit<NotificationInput, 'userId'> {
  userId: number;
  preference: string;
}

async function deliver(candidate: Candidate): Promise<boolean> {
  const { userId, preference, ...input } = candidate;
  const user = await findUser(userId);
  if (!user || !isActive(user)) return false;
  if ((await preferenceValues(userId))[preference] !== '1') return false;
  await notify({ ...input, userId: String(userId), push: true, pushTitle: PUSH_TITLE, pushBody: '' });
  return true;
}

const published = async (tweetId: string): Promise<TweetRecord | undefined> => {
  const tweet = await findTweet(tweetId, true);
  return tweet?.status === 'published' ? tweet : undefined;
};

/** Notifies whoever the event concerns; answers how many were notified. */
export async function handleNotificationEvent(event: NotificationEvent): Promise<number> {
  switch (event.kind) {
    case 'new_like':
      return notifyLike(event);
    case 'new_comment':
      return notifyComment(event);
    case 'new_message':
      if (!(await isPending(event))) return 0;
      return Number(
        await deliver({
          userId: event.cliente_id,
          preference: 'NOTIFY_CHAT_NEW_MESSAGES',
          type: 'new_message',
          title: event.subject_id === -1 ? '' : 'enviou uma mensagem',
          content: '',
          icon: 1,
          meta: { chat: 1 },
          subjectId: event.subject_id,
          onceKey: `chat:${event.subject_id}:${event.messaged_at}`,
        }),
      );
  }
}

async function notifyLike(event: Extract<NotificationEvent, { kind: 'new_like' }>): Promise<number> {
  const tweet = await published(event.tweet_id);
  if (!tweet || tweet.cliente_id === event.subject_id || tweet.cliente_id === event.exclude_poster_id) return 0;
  if (!(await table.get(tweetLikeKey(tweet.id, event.exclude_poster_id), { consistent: true, attributes: ['pk'] }))) return 0;
  const isComment = tweet.parent_id !== null;
  return Number(
    await deliver({
      userId: tweet.cliente_id,
      preference: isComment ? 'NOTIFY_LIKES_POSTS_COMMENTED' : 'NOTIFY_LIKES_POSTS_CREATED',
      type: 'new_like',
      title: isComment ? 'curtiu seu comentário' : 'curtiu sua publicação',
      content: cut(tweet.content),
      icon: 3,
      meta: { tweet_id: tweet.id, admin_mode: 0 },
      subjectId: event.subject_id,
      // Per liker: liking, taking it back and liking again notifies once.
      onceKey: `like:${tweet.id}:${event.exclude_poster_id}`,
    }),
  );
}

async function notifyComment(event: Extract<NotificationEvent, { kind: 'new_comment' }>): Promise<number> {
  const [replyTo, comment] = await Promise.all([published(event.tweet_id), findTweet(event.comment_id, true)]);
  if (!replyTo || comment?.parent_id !== replyTo.id || comment.cliente_id !== event.exclude_poster_id) return 0;
  const root = event.root_tweet_id === replyTo.id ? replyTo : await published(event.root_tweet_id);
  if (!root) return 0;
  const siblings = await queryAll<{ cliente_id: number }>({
    ...keyQuery({ index: 'gsi1', pk: repliesIndexPk(replyTo.id) }),
    ProjectionExpression: 'cliente_id',
  });
  const poster = event.exclude_poster_id || event.subject_id;
  const recipients = new Set([root.cliente_id, replyTo.cliente_id, ...siblings.map((s) => s.cliente_id)]);
  recipients.delete(event.subject_id);
  recipients.delete(poster);
  const content = `❝${cut(comment.content)}❞ na publicação ❝${cut(replyTo.content)}❞`;
  const notified = await Promise.all(
    [...recipients].map((userId) => {
      const isCreator = userId === root.cliente_id;
      return deliver({
        userId,
        preference: isCreator ? 'NOTIFY_COMMENTS_POSTS_CREATED' : 'NOTIFY_COMMENTS_POSTS_COMMENTED',
        type: 'new_comment',
        title: isCreator ? 'comentou na sua publicação' : 'comentou na publicação que você participou',
        content,
        icon: 5,
        meta: { tweet_id: replyTo.id, comment_id: event.comment_id, admin_mode: 0 },
        subjectId: event.subject_id,
        onceKey: `comment:${event.comment_id}`,
      });
    }),
  );
  return notified.filter(Boolean).length;
}

/** Her unread marker of that sender, set at that time (notified or not): the chat event is real. */
async function isPending(event: Extract<NotificationEvent, { kind: 'new_message' }>): Promise<boolean> {
  const marker = await table.get<{ messaged_at: string }>(chatPendingKey(event.cliente_id, event.subject_id), { consistent: true });
  return marker?.messaged_at === event.messaged_at;
}
