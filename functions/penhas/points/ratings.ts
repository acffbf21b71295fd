/**
 * Ratings (0–5) of support points. Her rating is an item in her partition;
 * the point's totals (sum and count, on both of its items) change in the same
 * transaction, conditioned on the rating she had, so concurrent ratings never
 * count twice. Deleting her account deletes her ratings and leaves the totals,
 * as the original's cascade did.
 */
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { type TransactItem, transact } from '#shared/db/transactions';
import { AppError } from '#shared/errors';
import { badRequest } from '../errors.ts';
import { ownerPartition, PA_RATING_PREFIX, paListKey, paRatingKey, pontoApoioKey } from '../keys.ts';
import { getPoint } from './points.ts';

interface RatingItem {
  ponto_apoio_id: number;
  avaliacao: number;
  created_at: string;
}

const ATTEMPTS = 5;

/** Rates the point (`rating` 0–5) or removes her rating (`rating` undefined). */
export async function ratePoint(userId: number, pointId: number, rating: number | undefined): Promise<void> {
  if (rating !== undefined && (rating > 5 || rating < 0)) throw badRequest('form_error', 'precisa ser entre 0 e 5', 'rating');
  if (!(await getPoint(pointId))) throw badRequest('form_error', 'ponto de apoio não encontrado', 'ponto_apoio_id');
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyRating(userId, pointId, rating);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'rating_changed') || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function applyRating(userId: number, pointId: number, rating: number | undefined): Promise<void> {
  const key = paRatingKey(userId, pointId);
  const previous = await table.get<RatingItem>(key, { consistent: true });
  if (rating === undefined && !previous) return;
  const sumDelta = (rating ?? 0) - (previous?.avaliacao ?? 0);
  const countDelta = (rating === undefined ? 0 : 1) - (previous ? 1 : 0);
  const unchanged = previous
    ? { ConditionExpression: 'avaliacao = :old', ExpressionAttributeValues: { ':old': previous.avaliacao } }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  const own: TransactItem =
    rating === undefined
      ? { Delete: { Key: key, ...unchanged }, conflictCode: 'rating_changed' }
      : {
          Put: { Item: { ...key, ponto_apoio_id: pointId, avaliacao: rating, created_at: new Date().toISOString() }, ...unchanged },
          conflictCode: 'rating_changed',
        };
  const totals = (itemKey: { pk: string; sk: string }): TransactItem => ({
    Update: {
      Key: itemKey,
      UpdateExpression: 'ADD avaliacao_soma :sum, qtde_avaliacao :count',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':sum': sumDelta, ':count': countDelta },
    },
    conflictCode: 'point_removed',
  });
  await transact([own, totals(pontoApoioKey(pointId)), totals(paListKey(pointId))]);
}

/** Her rating of one point, if any. */
export async function ratingOf(userId: number, pointId: number): Promise<number | undefined> {
  return (await table.get<RatingItem>(paRatingKey(userId, pointId)))?.avaliacao;
}

/** All her ratings, by point id (one Query of her partition). */
export async function ratingsOf(userId: number): Promise<Map<number, number>> {
  const items = await queryAll<RatingItem>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': ownerPartition(userId), ':prefix': PA_RATING_PREFIX },
  });
  return new Map(items.map((item) => [item.ponto_apoio_id, item.avaliacao]));
}
