/**
 * Body parsers as middy middlewares. Each leaves other content types alone so a
 * route can accept several; multipart lives in its own module (it pulls busboy).
 */
import jsonBodyParser from '@middy/http-json-body-parser';
import urlencodeBodyParser from '@middy/http-urlencode-body-parser';

export const jsonBody = jsonBodyParser({ disableContentTypeError: true });
export const formBody = urlencodeBodyParser({ disableContentTypeError: true });
