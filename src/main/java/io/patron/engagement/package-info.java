/** Engagement: message templates, messages and their delivery channels, and one-time passwords. */
package io.patron.engagement;
