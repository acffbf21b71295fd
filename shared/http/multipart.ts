/**
 * multipart/form-data bodies (file uploads). Fields become strings, files
 * `{filename, mimetype, content}`. A handler whose route takes multipart
 * imports this module for its effect: it registers the parser (see parsers.ts).
 */
import multipartBodyParser from '@middy/http-multipart-body-parser';
import { registerBodyParser, type Parser } from './parsers.ts';

// middy's parsers are typed against their own event shapes.
registerBodyParser('multipart', multipartBodyParser({ disableContentTypeError: true }) as Parser);
