// Swagger UI's assets, imported as text (`with { type: 'text' }`) into the bundle of the function serving them.
declare module 'swagger-ui-dist/swagger-ui.css' {
  const text: string;
  export default text;
}
declare module 'swagger-ui-dist/swagger-ui-bundle.js' {
  const text: string;
  export default text;
}
