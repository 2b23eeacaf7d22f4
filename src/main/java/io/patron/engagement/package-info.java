/**
 * Engagement: message templates, messages and their delivery channels (with the providers' signed bounce callbacks),
 * and one-time passwords.
 */
package io.patron.engagement;
