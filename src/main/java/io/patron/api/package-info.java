/**
 * HTTP conventions shared by every resource: interfaces and base paths, the data envelope,
 * list parameters and queries, errors and reasons, languages, caching, rate limits and the
 * authentication gate.
 */
package io.patron.api;
