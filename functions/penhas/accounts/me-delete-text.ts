/** GET /me/delete-text: the notice shown before deleting the account. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { getDeleteTextRoute } from './me-delete-text.route.ts';
import { activeAccount } from './session-auth.ts';

const DELETE_TEXT =
  '<p>O seu perfil será desativado por 30 dias, após este período seus dados serão completamente excluídos.<br/></p>' +
  '<p>Caso entre novamente no aplicativo antes deste período, você ainda poderá reativar o perfil.<p>';

export const handler = httpRoute(getDeleteTextRoute, activeAccount, async () => json({ text: DELETE_TEXT }));
