/** URI checks shared by the redirect-URI and issuer-URL rules: the model's, which RegisterClient and Authorize use too. */
export { isLoopbackHost, parseAbsoluteUri } from '../../../model/redirect-uri.js';
