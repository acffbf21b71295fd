/** multipart/form-data bodies (file uploads). Fields become strings, files `{filename, mimetype, content}`. */
import multipartBodyParser from '@middy/http-multipart-body-parser';

export const multipartBody = multipartBodyParser({ disableContentTypeError: true });
